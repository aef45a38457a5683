package cn.marketplace.onboarding.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The engine REST API answers Camunda users with HTTP Basic credentials only; failures are logged.
 * Behind the authentication, every request to the engine REST API and to the webapps' APIs passes
 * {@link EngineApiGate}: what the caller's role may do, and task completions and process starts
 * with their forms' fields only.
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

  /** Malformed paths end here, before anything parses them (Spring Security's default firewall). */
  @Bean
  FilterRegistrationBean<FirewallFirst> firewallFirst(ObjectProvider<HttpFirewall> firewall) {
    FilterRegistrationBean<FirewallFirst> registration =
        new FilterRegistrationBean<>(new FirewallFirst(firewall.getIfAvailable(StrictHttpFirewall::new)));
    registration.setName("firewall-first");
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /**
   * On every path: the gate picks the engine's APIs by the servlet the container routes the request
   * to, so no spelling of a path reaches the engine around it.
   */
  @Bean
  FilterRegistrationBean<EngineApiGate> engineApiGate(DeployedForms forms, ObjectMapper json,
      PublicEndpointProperties limits, ProcessEngine engine,
      @Value("${spring.jersey.application-path:/engine-rest}") String engineRestPath,
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    EngineRequests requests = new EngineRequests(engineRestPath, webappPath, engine.getName(),
        engine.getIdentityService());
    EngineRequestRules rules = new EngineRequestRules(new FormSubmissionRules(forms), json,
        limits.maxBodySize().toBytes());
    FilterRegistrationBean<EngineApiGate> registration =
        new FilterRegistrationBean<>(new EngineApiGate(requests, rules, json));
    registration.setName("engine-api-gate");
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.LOWEST_PRECEDENCE);
    return registration;
  }
}
