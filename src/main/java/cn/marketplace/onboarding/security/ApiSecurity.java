package cn.marketplace.onboarding.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Security of our own API and pages. The Camunda webapps and the engine REST API keep their own
 * authentication (the webapps' login and CSRF filter; {@link EngineRestSecurity}), so this chain
 * matches only our paths. The API is stateless HTTP Basic; applying, amending and the live catalogue
 * are public.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurity {

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
            .anyRequest().authenticated())
        .httpBasic(Customizer.withDefaults())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        // stateless API with Basic credentials, no cookies: no CSRF token to carry
        .csrf(csrf -> csrf.disable());
    return http.build();
  }
}
