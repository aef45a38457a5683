package cn.marketplace.onboarding.testsupport.paths;

import java.lang.reflect.Method;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * Fails a path test class whose tests, all run and all passed, left a sequence flow of its diagram
 * untaken: a new gateway branch, boundary event or message event needs a test of its own. Says
 * nothing when only some of the class's tests ran (e.g. {@code -Dtest=Class#method}) or one failed.
 */
public class PathCoverage implements TestWatcher, AfterAllCallback {

  private final String diagram;
  private final Set<String> passed = ConcurrentHashMap.newKeySet();
  private volatile boolean incomplete;

  /** @param diagram the diagram's classpath resource, e.g. {@code processes/offer-release.bpmn} */
  public PathCoverage(String diagram) {
    this.diagram = diagram;
  }

  @Override
  public void testSuccessful(ExtensionContext context) {
    passed.add(context.getRequiredTestMethod().getName());
  }

  /** A disabled test still counts as run: the paths it would have taken show up as not taken. */
  @Override
  public void testDisabled(ExtensionContext context, java.util.Optional<String> reason) {
    passed.add(context.getRequiredTestMethod().getName());
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    incomplete = true;
  }

  @Override
  public void testAborted(ExtensionContext context, Throwable cause) {
    incomplete = true;
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Set<String> all = AnnotationSupport.findAnnotatedMethods(context.getRequiredTestClass(), Test.class,
            HierarchyTraversalMode.TOP_DOWN).stream().map(Method::getName).collect(Collectors.toSet());
    all.addAll(AnnotationSupport.findAnnotatedMethods(context.getRequiredTestClass(), ParameterizedTest.class,
        HierarchyTraversalMode.TOP_DOWN).stream().map(Method::getName).collect(Collectors.toSet()));
    if (incomplete || !passed.containsAll(all)) {
      return;
    }
    Set<String> missing = TakenFlows.notTaken(diagram);
    if (!missing.isEmpty()) {
      throw new AssertionError(context.getRequiredTestClass().getSimpleName() + " took no path through these flows of "
          + diagram + ": " + missing);
    }
  }
}
