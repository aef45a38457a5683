package cn.marketplace.onboarding.security;

import cn.marketplace.onboarding.engine.Refusal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * What an engine REST request on the allow-list may carry: a completion or start carries its form's
 * fields and nothing else ({@link FormSubmissionRules}); a task's form variables are its form's; a
 * task is claimed for oneself; a password is one's own; a publisher filters no list by variables
 * (which would read values a form does not show, one guess at a time). A request that breaks a rule
 * is refused with a {@link Refusal} naming the field and the rule.
 */
final class EngineRequestRules {

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

  private final FormSubmissionRules forms;
  private final ObjectMapper json;
  private final long maxBodySize;

  EngineRequestRules(FormSubmissionRules forms, ObjectMapper json, long maxBodySize) {
    this.forms = forms;
    this.json = json;
    this.maxBodySize = maxBodySize;
  }

  /** The request to go on with (its body read once, or a parameter set); a {@link Refusal} when it breaks a rule. */
  HttpServletRequest check(HttpServletRequest request, HttpMethod method, EngineRequest target) throws IOException {
    PathContainer path = PathContainer.parsePath(target.path());
    EngineRequest.Caller caller = target.caller();
    boolean administrator = caller.isAdministrator();
    boolean submission = HttpMethod.POST.equals(method) && (TASK_COMPLETION.matches(path) || START_BY_ID.matches(path)
        || START_BY_KEY.matches(path) || START_BY_KEY_AND_TENANT.matches(path));
    if (!administrator && CREDENTIALS.matches(path) && !caller.userId().equals(variable(CREDENTIALS, path, "userId"))) {
      throw new Refusal("userId", Refusal.Kind.FORBIDDEN, "not-your-password", "Not your password",
          "Only your own password may be changed here.");
    }
    boolean readsBody = submission || !administrator && (HttpMethod.POST.equals(method) || HttpMethod.PUT.equals(method));
    if (!readsBody) {
      if (!administrator && HttpMethod.GET.equals(method) && TASK_FORM_VARIABLES.matches(path)) {
        return formVariables(request, variable(TASK_FORM_VARIABLES, path, "taskId"));
      }
      if (caller.isPublisherOnly()) {
        Collections.list(request.getParameterNames()).stream().filter(VARIABLE_CONDITIONS::contains).findFirst()
            .ifPresent(condition -> {
              throw notByVariables(condition);
            });
      }
      return request;
    }
    byte[] bytes = request.getInputStream().readNBytes((int) maxBodySize + 1);
    if (bytes.length > maxBodySize) {
      throw new Refusal("body", Refusal.Kind.TOO_LARGE, "body-too-large", "Request body too large",
          "The request body is larger than " + maxBodySize + " bytes.");
    }
    JsonNode body = body(bytes);
    List<String> refusals = new ArrayList<>();
    String field = "variables";
    if (submission) {
      refusals.addAll(submissionRefusals(path, body, administrator));
    } else if (CLAIM.matches(path) && !caller.userId().equals(body.path("userId").asText(null))) {
      field = "userId";
      refusals.add("Field 'userId' must be your own user ID: a task is claimed by whoever works it.");
    } else if (caller.isPublisherOnly()) {
      refusals.addAll(variableConditions(body));
    }
    if (!refusals.isEmpty()) {
      throw Refusal.invalidField(field, String.join(" ", refusals));
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
          refusals.add(notByVariables(condition).getMessage());
        }
      }
    }
    return refusals.stream().distinct().toList();
  }

  private static Refusal notByVariables(String condition) {
    return Refusal.invalidField(condition,
        "Field '" + condition + "' may not be sent: lists are not filtered by variables' values.");
  }

  /**
   * A task's form variables are the variables its form shows or fills in: asked for without names,
   * the engine would answer every variable of the instance, notes of other people's tasks included.
   */
  private HttpServletRequest formVariables(HttpServletRequest request, String taskId) {
    Optional<FormFields> form = forms.formOfTask(taskId);
    if (form.isEmpty()) {
      throw Refusal.invalidField("taskId", "Task " + taskId + " has no form.");
    }
    Set<String> readable = form.get().readable();
    String asked = request.getParameter("variableNames");
    if (asked == null || asked.isBlank()) {
      return new QueryParameterRequest(request, "variableNames", String.join(",", readable));
    }
    Arrays.stream(asked.split(",")).map(String::trim).filter(name -> !readable.contains(name)).findFirst()
        .ifPresent(name -> {
          throw Refusal.invalidField("variableNames", "Field '" + name + "' is not on form '" + form.get().formId()
              + "': only the form's variables may be read.");
        });
    return request;
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
}
