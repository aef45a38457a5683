package cn.marketplace.onboarding.security;

import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

/**
 * Which of the engine's APIs a request reaches, the path within it and who asks, all as the servlet
 * container and Camunda settled them: the API is the servlet Tomcat routes the request to, the path
 * the one Tomcat decoded and normalised for it (Spring Security's firewall, which runs before, has
 * refused encoded slashes and dots, {@code //}, {@code ;} and {@code ..}), the caller the one
 * Camunda authenticated. Nothing in the request names the caller.
 */
final class EngineRequests {

  private final Map<String, EngineApi> apisByServletPattern;
  private final String engineRestPattern;
  private final String engineName;
  private final IdentityService identityService;

  EngineRequests(String engineRestPath, String webappPath, String engineName, IdentityService identityService) {
    this.engineRestPattern = engineRestPath + "/*";
    this.apisByServletPattern = Map.of(
        engineRestPath + "/*", EngineApi.ENGINE,
        webappPath + "/api/engine/*", EngineApi.ENGINE,
        webappPath + "/api/cockpit/*", EngineApi.COCKPIT,
        webappPath + "/api/tasklist/*", EngineApi.TASKLIST,
        webappPath + "/api/admin/*", EngineApi.ADMIN,
        webappPath + "/api/welcome/*", EngineApi.WELCOME);
    this.engineName = engineName;
    this.identityService = identityService;
  }

  /** The engine this product serves. */
  String engineName() {
    return engineName;
  }

  /** The API the request reaches; null for a request to none of the engine's APIs. */
  EngineApi api(HttpServletRequest request) {
    HttpServletMapping mapping = request.getHttpServletMapping();
    return mapping == null ? null : apisByServletPattern.get(mapping.getPattern());
  }

  /** The request as the gate judges it; empty when its path names no engine resource. */
  Optional<EngineRequest> resolve(HttpServletRequest request) {
    EngineApi api = api(request);
    EngineRequest.Caller caller = caller(request);
    String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (api != EngineApi.ENGINE || path.equals("/engine")) {
      return Optional.of(new EngineRequest(api, path, null, caller));
    }
    if (path.startsWith("/engine/")) {
      int end = path.indexOf('/', "/engine/".length());
      String engine = path.substring("/engine/".length(), end < 0 ? path.length() : end);
      return Optional.of(new EngineRequest(api, end < 0 ? "/" : path.substring(end), engine, caller));
    }
    // the engine REST API's paths without an engine name address the default engine, which is ours
    return isEngineRest(request) ? Optional.of(new EngineRequest(api, path, engineName, caller)) : Optional.empty();
  }

  /**
   * The engine REST API's caller is the user its authentication filter signed in for this request;
   * a webapp's is the user of the webapp session.
   */
  EngineRequest.Caller caller(HttpServletRequest request) {
    if (isEngineRest(request)) {
      Authentication signedIn = identityService.getCurrentAuthentication();
      return signedIn == null || signedIn.getUserId() == null ? EngineRequest.Caller.ANONYMOUS
          : new EngineRequest.Caller(signedIn.getUserId(), orNone(signedIn.getGroupIds()));
    }
    HttpSession session = request.getSession(false);
    Authentications signedIn = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
    if (signedIn != null
        && signedIn.getAuthenticationForProcessEngine(engineName) instanceof UserAuthentication user
        && user.getIdentityId() != null) {
      return new EngineRequest.Caller(user.getIdentityId(), orNone(user.getGroupIds()));
    }
    return EngineRequest.Caller.ANONYMOUS;
  }

  private boolean isEngineRest(HttpServletRequest request) {
    return engineRestPattern.equals(request.getHttpServletMapping().getPattern());
  }

  private static List<String> orNone(List<String> groups) {
    return groups == null ? List.of() : groups;
  }
}
