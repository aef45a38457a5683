package cn.marketplace.onboarding.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Registers the sign-in throttle ({@link LoginThrottle}) on every login surface. Failed sign-ins to the Camunda webapps (Tasklist, Cockpit, Admin) join those of our API and the
 * engine REST API in {@link AuthenticationFailureLog}: the webapps' login resource answers 401 and
 * logs nothing itself. The form body is read only as the webapp reads it, and only the user name is
 * taken from it.
 */
@Configuration(proxyBeanMethods = false)
class WebappLoginFailureLog {

  static final String LOGIN_PATH = "/camunda/api/admin/auth/user/*";

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> webappLoginFailureLogging(LoginThrottle throttle) {
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new LoginFilter(throttle));
    registration.setName("webapp-login-failure-log");
    registration.addUrlPatterns(LOGIN_PATH);
    return registration;
  }

  /** HTTP Basic sign-ins on our API and the engine REST API, before Spring Security and the engine's filter. */
  @Bean
  FilterRegistrationBean<LoginThrottleFilter> basicLoginThrottle(LoginThrottle throttle) {
    FilterRegistrationBean<LoginThrottleFilter> registration =
        new FilterRegistrationBean<>(new LoginThrottleFilter(throttle));
    registration.setName("basic-login-throttle");
    registration.addUrlPatterns("/api/*", "/engine-rest/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 20);
    return registration;
  }

  private static final class LoginFilter extends OncePerRequestFilter {

    private final LoginThrottle throttle;

    LoginFilter(LoginThrottle throttle) {
      this.throttle = throttle;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
      return !"POST".equals(request.getMethod()) || !request.getRequestURI().contains("/login/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      if (LoginThrottleFilter.refused(throttle, request, response)) {
        return;
      }
      ContentCachingRequestWrapper cached = new ContentCachingRequestWrapper(request, 4096);
      chain.doFilter(cached, response);
      if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
        String userName = userName(cached);
        AuthenticationFailureLog.failed("webapp", userName, request.getRemoteAddr());
        throttle.failed("webapp", userName, request.getRemoteAddr());
      }
    }

    private static String userName(ContentCachingRequestWrapper request) {
      String body = new String(request.getContentAsByteArray(), StandardCharsets.UTF_8);
      String encoded = UriComponentsBuilder.newInstance().query(body).build().getQueryParams().getFirst("username");
      return encoded == null ? "" : UriUtils.decode(encoded, StandardCharsets.UTF_8);
    }
  }
}
