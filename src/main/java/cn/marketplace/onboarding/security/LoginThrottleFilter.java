package cn.marketplace.onboarding.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic sign-ins on our API and the engine REST API go through {@link LoginThrottle}: a client
 * address with no failures left is answered 429 before its password is checked, and each 401 to a
 * request that carried credentials is one failure. Only the user name is read from the header.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

  private static final String BASIC = "basic ";

  private final LoginThrottle throttle;

  LoginThrottleFilter(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    return authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())
        || !checksBasicCredentials(request);
  }

  /**
   * Only our API and the engine REST API check Basic credentials: elsewhere (the webapps' APIs, which
   * sign in by session) a 401 says nothing about a password, and must not count as a guess.
   */
  private static boolean checksBasicCredentials(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.startsWith("/engine-rest/") || path.equals("/engine-rest") || path.startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (refused(throttle, request, response)) {
      return;
    }
    chain.doFilter(request, response);
    if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
      String surface = request.getRequestURI().startsWith(request.getContextPath() + "/engine-rest") ? "engine-rest"
          : "api";
      throttle.failed(surface, userId(request.getHeader(HttpHeaders.AUTHORIZATION)), request.getRemoteAddr());
    }
  }

  /** Answers 429 problem+json with {@code Retry-After} when the client may not sign in now. */
  static boolean refused(LoginThrottle throttle, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<Duration> wait = throttle.refusal(request.getRemoteAddr());
    if (wait.isEmpty()) {
      return false;
    }
    long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
    response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write("""
        {"type":"https://marketplace-onboarding/problems/sign-in-throttled","title":"Too many failed sign-ins",\
        "status":429,"detail":"Too many failed sign-ins from your address; try again in %d seconds."}"""
        .formatted(seconds));
    return true;
  }

  private static String userId(String authorization) {
    try {
      String decoded = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).strip()),
          StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? decoded : decoded.substring(0, colon);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
