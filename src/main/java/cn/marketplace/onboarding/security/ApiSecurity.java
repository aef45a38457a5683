package cn.marketplace.onboarding.security;

import cn.marketplace.onboarding.engine.Groups;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Security of our own API and pages. The Camunda webapps and the engine REST API keep their own
 * authentication (the webapps' login and CSRF filter; {@link EngineRestSecurity}), so this chain
 * matches only our paths. The API is stateless HTTP Basic; applying, amending and the live catalogue
 * are public.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurity {

  /** Our pages load their scripts from themselves only; Swagger UI needs inline styles and data: images. */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
      + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
      + "form-action 'self'; frame-ancestors 'none'";

  @Bean
  SecurityFilterChain apiFilterChain(HttpSecurity http, CamundaUserAuthenticationProvider users) throws Exception {
    http.securityMatcher("/api/**", "/apply/**", "/apply", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html",
            "/actuator/**")
        .authenticationProvider(users)
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(HttpMethod.POST, "/api/applications").permitAll()
            .requestMatchers("/api/amendments/**").permitAll()
            .requestMatchers(HttpMethod.GET, "/api/offers").permitAll()
            .requestMatchers("/apply/**", "/apply").permitAll()
            .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
            .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
            // metrics describe every ISV's workload: operations and administrators only
            .requestMatchers("/actuator/**").hasAnyAuthority("GROUP_" + Groups.OPERATIONS, "GROUP_" + Groups.ADMIN)
            // who is being targeted by password guessing: administrators only
            .requestMatchers("/api/security/**").hasAuthority("GROUP_" + Groups.ADMIN)
            // which certification policy judges a submission: the support team moves it, nobody else
            .requestMatchers("/api/submissions/*/certification-policy").hasAuthority("GROUP_" + Groups.SUPPORT)
            // who decided what: the staff's business, not the publishers'
            .requestMatchers(HttpMethod.GET, "/api/audit")
                .hasAnyAuthority(Groups.STAFF.stream().map(group -> "GROUP_" + group).toArray(String[]::new))
            .anyRequest().authenticated())
        .httpBasic(Customizer.withDefaults())
        .exceptionHandling(errors -> errors.accessDeniedHandler(ApiSecurity::forbidden))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        // stateless API with Basic credentials, no cookies: no CSRF token to carry
        .csrf(csrf -> csrf.disable())
        // nosniff, frame DENY, no-store and (on TLS requests only) HSTS are Spring Security's defaults
        .headers(headers -> headers
            .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
            .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
    return http.build();
  }

  /** A signed-in caller without the right: problem+json like every other error of the API. */
  private static void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException {
    response.setStatus(HttpStatus.FORBIDDEN.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getWriter().write("""
        {"type":"about:blank","title":"Forbidden","status":403,"detail":"Your groups may not use this resource."}""");
  }

  /** Before Spring Security: a refused request costs no authentication and no parsing. */
  @Bean
  FilterRegistrationBean<PublicEndpointGuard> publicEndpointGuard(PublicEndpointProperties properties,
      ObjectMapper json) {
    FilterRegistrationBean<PublicEndpointGuard> registration =
        new FilterRegistrationBean<>(new PublicEndpointGuard(properties, json));
    registration.setName("public-endpoint-guard");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
    return registration;
  }
}
