package cn.marketplace.onboarding.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole product on a real port, as users reach it over HTTP, with the job executor running.
 * The engine keeps the name {@code default}: the engine REST API addresses the engine by that name.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    "camunda.bpm.generate-unique-process-engine-name=false"})
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestInfrastructure.class)
public @interface OnboardingHttpTest {}
