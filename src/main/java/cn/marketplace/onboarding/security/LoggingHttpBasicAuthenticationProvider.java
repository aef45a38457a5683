package cn.marketplace.onboarding.security;

import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;

/** The engine REST API's HTTP Basic check, with each failure logged like our API's (no password). */
public class LoggingHttpBasicAuthenticationProvider extends HttpBasicAuthenticationProvider {

  @Override
  public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
    AuthenticationResult result = super.extractAuthenticatedUser(request, engine);
    if (!result.isAuthenticated() && result.getAuthenticatedUser() != null) {
      AuthenticationFailureLog.failed("engine-rest", result.getAuthenticatedUser(), request.getRemoteAddr());
    }
    return result;
  }
}
