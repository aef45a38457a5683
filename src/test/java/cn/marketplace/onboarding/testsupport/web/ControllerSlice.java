package cn.marketplace.onboarding.testsupport.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.core.annotation.AliasFor;

/**
 * A slice of the fast layer: the named controllers and {@code web/ApiProblems} on MockMvc, their
 * services replaced by mocks ({@code @MockitoBean}). Sign-in, throttling and the engine API's gate are
 * the security tests' subject: their filters are left out, and the caller comes with the request
 * ({@link Callers}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest(excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
    pattern = "cn\\.marketplace\\.onboarding\\.security\\..*"))
@AutoConfigureMockMvc(addFilters = false)
@Tag("fast")
public @interface ControllerSlice {

  /** The controllers under test. */
  @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
  Class<?>[] value();
}
