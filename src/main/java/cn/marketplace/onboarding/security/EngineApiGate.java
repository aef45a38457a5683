package cn.marketplace.onboarding.security;

import cn.marketplace.onboarding.engine.Refusal;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The one gate in front of the engine: every request the servlet container routes to the engine
 * REST API or to a webapp's API passes here, after Camunda has authenticated it, and goes on only
 * if {@link EngineApiAllowList} lets the caller's role make it ({@code camunda-admin} passes) and,
 * on the engine's resources, it keeps {@link EngineRequestRules}. Which API, which path and which
 * caller are {@link EngineRequests}'s answer.
 *
 * <p>A refusal is a {@link Refusal}, answered as problem+json like every refusal of our API, with
 * the engine REST API's {@code message} beside {@code detail}: Tasklist shows it above the form.
 */
class EngineApiGate extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger("security.engine-api");

  private final EngineRequests requests;
  private final EngineRequestRules rules;
  private final ObjectMapper json;

  EngineApiGate(EngineRequests requests, EngineRequestRules rules, ObjectMapper json) {
    this.requests = requests;
    this.rules = rules;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return requests.api(request) == null;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<EngineRequest> resolved = requests.resolve(request);
    if (resolved.isEmpty()) {
      answer(response, new Refusal("path", Refusal.Kind.INVALID, "no-engine-resource", "No engine resource",
          "The path names no engine resource."));
      return;
    }
    EngineRequest target = resolved.get();
    HttpServletRequest checked;
    try {
      checked = judge(request, HttpMethod.valueOf(request.getMethod()), target);
    } catch (Refusal refusal) {
      log.info("{} {} {} ({} {}) by {}: {}", refusal.status(), request.getMethod(), target.path(), target.api(),
          target.engine(), target.caller().name(), refusal.getMessage());
      answer(response, refusal);
      return;
    }
    chain.doFilter(checked, response);
  }

  /** The request to go on with; a {@link Refusal} when the caller may not make it. */
  private HttpServletRequest judge(HttpServletRequest request, HttpMethod method, EngineRequest target)
      throws IOException {
    if (target.engine() != null && !target.engine().equals(requests.engineName())) {
      throw new Refusal("engine", Refusal.Kind.FORBIDDEN, "engine-not-served", "Engine not served",
          "No engine '" + target.engine() + "' is served here.");
    }
    EngineRequest.Caller caller = target.caller();
    if (!caller.isAdministrator()) {
      Optional<EngineApiAllowList.Entry> entry =
          EngineApiAllowList.find(caller.groups(), target.api(), method, target.path());
      if (entry.isEmpty() || !namesThisEngine(entry.get(), target.path())) {
        throw caller.userId() == null
            ? new Refusal("authorization", Refusal.Kind.UNAUTHENTICATED, "sign-in-required", "Sign in first",
                "Sign in first.")
            : new Refusal("path", Refusal.Kind.FORBIDDEN, "not-on-allow-list", "Not allowed to your groups",
                "Your groups may not " + method + " " + target.path() + ".");
      }
    }
    return target.api() == EngineApi.ENGINE ? rules.check(request, method, target) : request;
  }

  private boolean namesThisEngine(EngineApiAllowList.Entry entry, String path) {
    PathPattern.PathMatchInfo match = entry.path().matchAndExtract(PathContainer.parsePath(path));
    String engine = match == null ? null : match.getUriVariables().get("engine");
    return engine == null || engine.equals(requests.engineName());
  }

  /** The refusal as problem+json, the shape of our API's, with {@code message} for the engine's clients. */
  private void answer(HttpServletResponse response, Refusal refusal) throws IOException {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", Refusal.PROBLEM_TYPES + refusal.type());
    problem.put("title", refusal.title());
    problem.put("status", refusal.status());
    problem.put("detail", refusal.getMessage());
    problem.put("message", refusal.getMessage());
    response.setStatus(refusal.status());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    json.writeValue(response.getOutputStream(), problem);
  }
}
