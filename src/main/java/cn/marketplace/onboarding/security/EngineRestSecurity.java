package cn.marketplace.onboarding.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The engine REST API answers Camunda users with HTTP Basic credentials only; failures are logged.
 * Behind the authentication, on the REST API and the webapps' engine API alike, task completions
 * and process starts carry their forms' fields only ({@link FormSubmissionGuard}).
 */
@Configuration(proxyBeanMethods = false)
class EngineRestSecurity {

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("engine-rest-authentication");
    registration.addInitParameter("authentication-provider", LoggingHttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/engine-rest/*");
    registration.setOrder(Ordered.LOWEST_PRECEDENCE - 1);
    return registration;
  }

  @Bean
  FilterRegistrationBean<FormSubmissionGuard> formSubmissionGuard(DeployedForms forms, ObjectMapper json,
      PublicEndpointProperties limits) {
    FilterRegistrationBean<FormSubmissionGuard> registration =
        new FilterRegistrationBean<>(new FormSubmissionGuard(forms, json, limits.maxBodySize().toBytes()));
    registration.setName("form-submission-guard");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    registration.setOrder(Ordered.LOWEST_PRECEDENCE);
    return registration;
  }
}
