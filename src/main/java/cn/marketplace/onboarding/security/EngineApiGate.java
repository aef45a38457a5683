package cn.marketplace.onboarding.security;

import cn.marketplace.onboarding.engine.Groups;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The one gate in front of the engine: every request the servlet container routes to the engine
 * REST API or to a webapp's API passes here, after Camunda has authenticated it, and goes on only
 * if {@link EngineApiAllowList} lets the caller's role make it; {@code camunda-admin} passes. The
 * path is the one the container routes by (decoded and normalised by Tomcat; Spring Security's
 * firewall, which runs before, has refused encoded slashes and dots, {@code //}, {@code ;} and
 * {@code ..} with 400). The caller is the one Camunda authenticated: the engine REST API's HTTP
 * Basic sign-in, or the webapps' session; nothing in the request names it.
 *
 * <p>What passes the list is then held to its forms ({@link FormSubmissionRules}): a completion or
 * start carries its form's fields and nothing else; a task's form variables are its form's; a
 * publisher claims for itself and filters no list by variables (which would read values a form does
 * not show, one guess at a time). Refusals keep the engine REST API's error shape, whose
 * {@code message} Tasklist shows above the form.
 */
class EngineApiGate extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger("security.engine-api");
  private static final PathPattern TASK_COMPLETION = pattern("/task/{taskId}/{action:complete|submit-form|resolve}");
  private static final PathPattern START_BY_ID = pattern("/process-definition/{definitionId}/{action:start|submit-form}");
  private static final PathPattern START_BY_KEY = pattern("/process-definition/key/{key}/{action:start|submit-form}");
  private static final PathPattern START_BY_KEY_AND_TENANT =
      pattern("/process-definition/key/{key}/tenant-id/{tenantId}/{action:start|submit-form}");
  private static final PathPattern TASK_FORM_VARIABLES = pattern("/task/{taskId}/form-variables");
  private static final PathPattern CLAIM = pattern("/task/{taskId}/claim");
  private static final PathPattern CREDENTIALS = pattern("/user/{userId}/credentials");
  /** Query conditions on variables' values: answered yes or no, they read any variable of a visible instance. */
  private static final Set<String> VARIABLE_CONDITIONS = Set.of("variables", "processVariables", "taskVariables",
      "caseInstanceVariables", "caseExecutionVariables", "variableNamesIgnoreCase", "variableValuesIgnoreCase");

  private final Map<String, EngineApi> apisByServletPattern;
  private final String engineRestPattern;
  private final String engineName;
  private final IdentityService identityService;
  private final FormSubmissionRules forms;
  private final ObjectMapper json;
  private final long maxBodySize;

  EngineApiGate(String engineRestPath, String webappPath, String engineName, IdentityService identityService,
      FormSubmissionRules forms, ObjectMapper json, long maxBodySize) {
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
    this.forms = forms;
    this.json = json;
    this.maxBodySize = maxBodySize;
  }

  /** A request as the gate judges it: which API, the path within it, and the engine it addresses. */
  record EngineRequest(EngineApi api, String path, String engine) {}

  /** Who is asking, as Camunda authenticated it; {@code userId} null when nobody signed in. */
  record Caller(String userId, List<String> groups) {

    static final Caller ANONYMOUS = new Caller(null, List.of());

    boolean isAdministrator() {
      return groups.contains(Groups.ADMIN);
    }

    /** Publishers and nobody else: staff who are also in {@code publishers} keep their staff lists. */
    boolean isPublisherOnly() {
      return groups.contains(Groups.PUBLISHERS) && groups.stream().noneMatch(Groups.STAFF::contains);
    }
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return api(request) == null;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpMethod method = HttpMethod.valueOf(request.getMethod());
    Optional<EngineRequest> resolved = resolve(request);
    if (resolved.isEmpty()) {
      refuse(response, HttpStatus.BAD_REQUEST, "InvalidRequestException", "The path names no engine resource.");
      return;
    }
    EngineRequest target = resolved.get();
    Caller caller = caller(request);
    if (target.engine() != null && !target.engine().equals(engineName)) {
      refuse(request, response, caller, target, HttpStatus.FORBIDDEN, "No engine '" + target.engine() + "' is served here.");
      return;
    }
    if (!caller.isAdministrator()) {
      Optional<EngineApiAllowList.Entry> entry =
          EngineApiAllowList.find(caller.groups(), target.api(), method, target.path());
      if (entry.isEmpty() || !namesThisEngine(entry.get(), target.path())) {
        if (caller.userId() == null) {
          refuse(request, response, caller, target, HttpStatus.UNAUTHORIZED, "Sign in first.");
        } else {
          refuse(request, response, caller, target, HttpStatus.FORBIDDEN,
              "Your groups may not " + method + " " + target.path() + ".");
        }
        return;
      }
    }
    HttpServletRequest checked = target.api() == EngineApi.ENGINE
        ? checkEngineRequest(request, response, method, target, caller) : request;
    if (checked != null) {
      chain.doFilter(checked, response);
    }
  }

  /** The request to go on with, or null when it was refused. */
  private HttpServletRequest checkEngineRequest(HttpServletRequest request, HttpServletResponse response,
      HttpMethod method, EngineRequest target, Caller caller) throws IOException {
    PathContainer path = PathContainer.parsePath(target.path());
    boolean submission = HttpMethod.POST.equals(method) && (TASK_COMPLETION.matches(path) || START_BY_ID.matches(path)
        || START_BY_KEY.matches(path) || START_BY_KEY_AND_TENANT.matches(path));
    boolean administrator = caller.isAdministrator();
    if (!administrator && CREDENTIALS.matches(path)
        && !caller.userId().equals(variable(CREDENTIALS, path, "userId"))) {
      refuse(request, response, caller, target, HttpStatus.FORBIDDEN, "Only your own password may be changed here.");
      return null;
    }
    boolean readsBody = submission || !administrator && (HttpMethod.POST.equals(method) || HttpMethod.PUT.equals(method));
    if (!readsBody) {
      if (!administrator && HttpMethod.GET.equals(method) && TASK_FORM_VARIABLES.matches(path)) {
        return formVariables(request, response, caller, target, TASK_FORM_VARIABLES.matchAndExtract(path)
            .getUriVariables().get("taskId"));
      }
      if (caller.isPublisherOnly()) {
        List<String> conditions = Collections.list(request.getParameterNames()).stream()
            .filter(VARIABLE_CONDITIONS::contains).toList();
        if (!conditions.isEmpty()) {
          refuse(request, response, caller, target, HttpStatus.BAD_REQUEST, "Field '" + conditions.get(0)
              + "' may not be sent: lists are not filtered by variables' values.");
          return null;
        }
      }
      return request;
    }
    byte[] bytes = request.getInputStream().readNBytes((int) maxBodySize + 1);
    if (bytes.length > maxBodySize) {
      refuse(request, response, caller, target, HttpStatus.PAYLOAD_TOO_LARGE,
          "The request body is larger than " + maxBodySize + " bytes.");
      return null;
    }
    JsonNode body = body(bytes);
    List<String> refusals = new ArrayList<>();
    if (submission) {
      refusals.addAll(submissionRefusals(path, body, administrator));
    } else if (CLAIM.matches(path) && !caller.userId().equals(body.path("userId").asText(null))) {
      refusals.add("Field 'userId' must be your own user ID: a task is claimed by whoever works it.");
    } else if (caller.isPublisherOnly()) {
      refusals.addAll(variableConditions(body));
    }
    if (!refusals.isEmpty()) {
      refuse(request, response, caller, target, HttpStatus.BAD_REQUEST, String.join(" ", refusals));
      return null;
    }
    return new ReadBodyRequest(request, bytes);
  }

  private List<String> submissionRefusals(PathContainer path, JsonNode body, boolean administrator) {
    if (TASK_COMPLETION.matches(path)) {
      return forms.ofTaskCompletion(variable(TASK_COMPLETION, path, "taskId"), body, administrator);
    }
    if (START_BY_ID.matches(path)) {
      return forms.ofStart(variable(START_BY_ID, path, "definitionId"), null, body, administrator);
    }
    PathPattern byKey = START_BY_KEY.matches(path) ? START_BY_KEY : START_BY_KEY_AND_TENANT;
    return forms.ofStart(null, variable(byKey, path, "key"), body, administrator);
  }

  private static List<String> variableConditions(JsonNode body) {
    List<String> refusals = new ArrayList<>();
    List<JsonNode> queries = new ArrayList<>(List.of(body));
    body.path("orQueries").forEach(queries::add);
    for (JsonNode query : queries) {
      for (String condition : VARIABLE_CONDITIONS) {
        JsonNode value = query.path(condition);
        if (!value.isMissingNode() && !value.isNull() && !(value.isContainerNode() && value.isEmpty())
            && !(value.isBoolean() && !value.asBoolean())) {
          refusals.add("Field '" + condition + "' may not be sent: lists are not filtered by variables' values.");
        }
      }
    }
    return refusals.stream().distinct().toList();
  }

  /**
   * A task's form variables are the variables its form shows or fills in: asked for without names,
   * the engine would answer every variable of the instance, notes of other people's tasks included.
   */
  private HttpServletRequest formVariables(HttpServletRequest request, HttpServletResponse response, Caller caller,
      EngineRequest target, String taskId) throws IOException {
    Optional<FormFields> form = forms.formOfTask(taskId);
    if (form.isEmpty()) {
      refuse(request, response, caller, target, HttpStatus.BAD_REQUEST, "Task " + taskId + " has no form.");
      return null;
    }
    Set<String> readable = form.get().readable();
    String asked = request.getParameter("variableNames");
    if (asked == null || asked.isBlank()) {
      return new QueryParameterRequest(request, "variableNames", String.join(",", readable));
    }
    List<String> notOnForm = Arrays.stream(asked.split(",")).map(String::trim)
        .filter(name -> !readable.contains(name)).toList();
    if (!notOnForm.isEmpty()) {
      refuse(request, response, caller, target, HttpStatus.BAD_REQUEST, "Field '" + notOnForm.get(0)
          + "' is not on form '" + form.get().formId() + "': only the form's variables may be read.");
      return null;
    }
    return request;
  }

  private EngineApi api(HttpServletRequest request) {
    HttpServletMapping mapping = request.getHttpServletMapping();
    return mapping == null ? null : apisByServletPattern.get(mapping.getPattern());
  }

  /** The API, the path within it (the engine's resources relative to the engine) and the engine named. */
  private Optional<EngineRequest> resolve(HttpServletRequest request) {
    EngineApi api = api(request);
    String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (api != EngineApi.ENGINE) {
      return Optional.of(new EngineRequest(api, path, null));
    }
    if (path.equals("/engine")) {
      return Optional.of(new EngineRequest(api, path, null));
    }
    if (path.startsWith("/engine/")) {
      int end = path.indexOf('/', "/engine/".length());
      String engine = path.substring("/engine/".length(), end < 0 ? path.length() : end);
      return Optional.of(new EngineRequest(api, end < 0 ? "/" : path.substring(end), engine));
    }
    // the engine REST API's paths without an engine name address the default engine, which is ours
    boolean engineRest = engineRestPattern.equals(request.getHttpServletMapping().getPattern());
    return engineRest ? Optional.of(new EngineRequest(api, path, engineName)) : Optional.empty();
  }

  private boolean namesThisEngine(EngineApiAllowList.Entry entry, String path) {
    PathPattern.PathMatchInfo match = entry.path().matchAndExtract(PathContainer.parsePath(path));
    String engine = match == null ? null : match.getUriVariables().get("engine");
    return engine == null || engine.equals(engineName);
  }

  /**
   * The engine REST API's caller is the user its authentication filter signed in for this request;
   * a webapp's is the user of the webapp session.
   */
  private Caller caller(HttpServletRequest request) {
    if (engineRestPattern.equals(request.getHttpServletMapping().getPattern())) {
      Authentication signedIn = identityService.getCurrentAuthentication();
      return signedIn == null || signedIn.getUserId() == null ? Caller.ANONYMOUS
          : new Caller(signedIn.getUserId(), signedIn.getGroupIds() == null ? List.of() : signedIn.getGroupIds());
    }
    HttpSession session = request.getSession(false);
    Authentications signedIn = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
    if (signedIn != null
        && signedIn.getAuthenticationForProcessEngine(engineName) instanceof UserAuthentication user
        && user.getIdentityId() != null) {
      return new Caller(user.getIdentityId(), user.getGroupIds() == null ? List.of() : user.getGroupIds());
    }
    return Caller.ANONYMOUS;
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, Caller caller, EngineRequest target,
      HttpStatus status, String message) throws IOException {
    log.info("{} {} {} ({} {}) by {}: {}", status.value(), request.getMethod(), target.path(), target.api(),
        target.engine(), caller.userId() == null ? "anonymous" : caller.userId(), message);
    String type = switch (status) {
      case UNAUTHORIZED -> "AuthenticationException";
      case FORBIDDEN -> "AuthorizationException";
      default -> "InvalidRequestException";
    };
    refuse(response, status, type, message);
  }

  private void refuse(HttpServletResponse response, HttpStatus status, String type, String message) throws IOException {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("type", type);
    error.put("message", message);
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    json.writeValue(response.getOutputStream(), error);
  }

  private JsonNode body(byte[] bytes) {
    try {
      JsonNode body = bytes.length == 0 ? null : json.readTree(bytes);
      return body == null || !body.isObject() ? json.createObjectNode() : body;
    } catch (IOException notJson) {
      // the engine answers malformed JSON itself, as it always has
      return json.createObjectNode();
    }
  }

  private static String variable(PathPattern pattern, PathContainer path, String name) {
    return pattern.matchAndExtract(path).getUriVariables().get(name);
  }

  private static PathPattern pattern(String path) {
    return PathPatternParser.defaultInstance.parse(path);
  }

  /** The request with one query parameter set, as the engine's resource will read it. */
  private static final class QueryParameterRequest extends HttpServletRequestWrapper {

    private final String name;
    private final String value;

    QueryParameterRequest(HttpServletRequest request, String name, String value) {
      super(request);
      this.name = name;
      this.value = value;
    }

    @Override
    public String getQueryString() {
      String added = name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
      String query = super.getQueryString();
      if (query == null || query.isEmpty()) {
        return added;
      }
      List<String> kept = Arrays.stream(query.split("&")).filter(pair -> !pair.startsWith(name + "=")
          && !pair.equals(name)).toList();
      return kept.isEmpty() ? added : String.join("&", kept) + "&" + added;
    }

    @Override
    public String getParameter(String parameter) {
      return name.equals(parameter) ? value : super.getParameter(parameter);
    }

    @Override
    public Map<String, String[]> getParameterMap() {
      Map<String, String[]> parameters = new LinkedHashMap<>(super.getParameterMap());
      parameters.put(name, new String[] {value});
      return Collections.unmodifiableMap(parameters);
    }

    @Override
    public Enumeration<String> getParameterNames() {
      return Collections.enumeration(getParameterMap().keySet());
    }

    @Override
    public String[] getParameterValues(String parameter) {
      return name.equals(parameter) ? new String[] {value} : super.getParameterValues(parameter);
    }
  }
}
