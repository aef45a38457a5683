package cn.marketplace.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

/**
 * The house rules of the code, read from the compiled main classes: packages follow the process
 * stages, each stage owns its part of the lifecycle end to end, and what all stages share lies
 * below them (see README, "Layout").
 */
@Tag("fast")
class ArchitectureTest {

  private static final String BASE = "cn.marketplace.onboarding.";

  /** The lifecycle, in its order: each owns its delegates, listeners, services and controllers. */
  static final List<String> STAGES =
      List.of("application", "account", "activation", "submission", "certification", "release");

  /**
   * What every stage may use, and which uses no stage: among them {@code catalog}, the offers, SKUs
   * and image versions that submission, certification and release all speak of.
   */
  static final List<String> SHARED = List.of("catalog", "rules", "calendar", "notification", "engine", "security",
      "web", "audit", "monitoring", "config", "persistence", "process");

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("cn.marketplace.onboarding");
  }

  @Test
  void everyPackageIsAStageOrShared() {
    List<String> known = Stream.concat(STAGES.stream(), SHARED.stream()).toList();
    assertThat(classes.stream().map(c -> c.getPackageName()).filter(p -> p.startsWith(BASE))
        .map(p -> p.substring(BASE.length()).split("\\.")[0]).distinct())
        .as("top-level packages; add a new one to STAGES or SHARED").isSubsetOf(known);
  }

  @Test
  void sharedPackagesUseNoStage() {
    noClasses().that().resideInAnyPackage(packages(SHARED))
        .should().dependOnClassesThat().resideInAnyPackage(packages(STAGES))
        .because("stages build on the shared packages, never the other way round")
        .check(classes);
  }

  @Test
  void noCyclesBetweenPackages() {
    slices().matching(BASE + "(**)").should().beFreeOfCycles().check(classes);
  }

  static Stream<String> stages() {
    return STAGES.stream();
  }

  /**
   * One exception: activation's delegates activate the publisher account, whose service is account's
   * {@code AccountService} (the activation stage keeps no record of its own).
   */
  @ParameterizedTest
  @MethodSource("stages")
  void delegatesAndListenersCallOnlyTheirOwnStageAndSharedPackages(String stage) {
    List<String> otherStages = STAGES.stream().filter(s -> !s.equals(stage))
        .filter(s -> !(stage.equals("activation") && s.equals("account"))).toList();
    noClasses().that().resideInAPackage(BASE + stage + "..")
        .and().haveNameMatching(".*(Delegate|Listener)(\\$.*)?")
        .should().dependOnClassesThat().resideInAnyPackage(packages(otherStages))
        .because("a BPMN element's bean is a thin call into its own stage's services")
        .check(classes);
  }

  /**
   * A stage's service never calls another stage's service: what one stage needs of another's records
   * goes through a narrow interface of a shared package, as a release's go-live tells
   * {@code catalog/ImageSources} and not the submission's services.
   */
  @ParameterizedTest
  @MethodSource("stages")
  void servicesCallNoOtherStagesServices(String stage) {
    List<String> otherStages = STAGES.stream().filter(s -> !s.equals(stage)).toList();
    noClasses().that().resideInAPackage(BASE + stage + "..").and().haveSimpleNameEndingWith("Service")
        .should().dependOnClassesThat(JavaClass.Predicates.resideInAnyPackage(packages(otherStages))
            .and(JavaClass.Predicates.simpleNameEndingWith("Service")))
        .because("a stage's services serve its own controllers and delegates; other stages reach it through "
            + "an interface of a shared package")
        .allowEmptyShould(true)
        .check(classes);
  }

  /**
   * Engine and security adapt the engine's internals for all. One exception: {@code monitoring/ProcessMetrics}
   * is a history event handler, and the engine offers history events only as its internal classes.
   */
  @Test
  void onlyEngineAndSecurityTouchEngineInternals() {
    noClasses().that().resideOutsideOfPackages(BASE + "engine..", BASE + "security..")
        .and().doNotHaveFullyQualifiedName(BASE + "monitoring.ProcessMetrics")
        .should().dependOnClassesThat().resideInAPackage("org.camunda.bpm.engine.impl..")
        .because("the engine's internals change between versions; engine/ and security/ adapt them for all")
        .check(classes);
  }

  /**
   * A finder states its SQL: Spring Data JDBC renders a derived query's statement again at every call,
   * which took about four times the database's own time for these lookups (BENCHMARKS.md, 2026-12-04).
   */
  @Test
  void repositoryFindersStateTheirSql() {
    methods().that().areDeclaredInClassesThat().areAssignableTo(Repository.class)
        .and().areDeclaredInClassesThat().resideInAPackage(BASE.substring(0, BASE.length() - 1) + "..")
        .should().beAnnotatedWith(Query.class)
        .because("a derived query costs more to render than to run")
        .check(classes);
  }

  private static String[] packages(List<String> names) {
    return names.stream().map(name -> BASE + name + "..").toArray(String[]::new);
  }

}
