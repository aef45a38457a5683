package cn.marketplace.onboarding.testsupport.paths;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test of the fast layer: one diagram's paths on the in-memory engine of {@code camunda.cfg.xml}
 * (no Spring context, no Azurite, SSH or mail server), with our delegates, listeners and expression
 * beans replaced by test doubles. Tagged {@code fast}: {@code ./mvnw test -Pfast} runs these alone.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("fast")
@ExtendWith(ProcessEngineExtension.class)
public @interface FastPathTest {
}
