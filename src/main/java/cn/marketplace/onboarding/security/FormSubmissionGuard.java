package cn.marketplace.onboarding.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Whoever completes a task or starts a process over HTTP (the engine REST API, or Tasklist through
 * the webapps' engine API) submits the fields of its form and nothing else. A variable the form does
 * not have ({@code submittedBy}, {@code submissionId}, {@code certificationPassed}...) or another
 * value for a field the form only shows is refused with 400 naming the field, before the engine sees
 * the request: the variables our gateways and delegates rely on are set by them, never by a caller.
 * Tasks and processes without a deployed Camunda form are left to the engine.
 */
class FormSubmissionGuard extends OncePerRequestFilter {

  private static final String ENGINE_API = "^(?:/engine-rest|/camunda/api/engine/engine/[^/]+)";
  private static final Pattern TASK_SUBMISSION =
      Pattern.compile(ENGINE_API + "/task/([^/]+)/(?:complete|submit-form|resolve)/?$");
  private static final Pattern START_BY_ID =
      Pattern.compile(ENGINE_API + "/process-definition/(?!key/)([^/]+)/(?:start|submit-form)/?$");
  private static final Pattern START_BY_KEY =
      Pattern.compile(ENGINE_API + "/process-definition/key/([^/]+)(?:/tenant-id/[^/]+)?/(?:start|submit-form)/?$");

  private final DeployedForms forms;
  private final ObjectMapper json;
  private final long maxBodySize;

  FormSubmissionGuard(DeployedForms forms, ObjectMapper json, long maxBodySize) {
    this.forms = forms;
    this.json = json;
    this.maxBodySize = maxBodySize;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = path(request);
    return !"POST".equals(request.getMethod()) || !(TASK_SUBMISSION.matcher(path).matches()
        || START_BY_ID.matcher(path).matches() || START_BY_KEY.matcher(path).matches());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] body = request.getInputStream().readNBytes((int) maxBodySize + 1);
    if (body.length > maxBodySize) {
      refuse(response, HttpStatus.PAYLOAD_TOO_LARGE, List.of("The request body is larger than " + maxBodySize + " bytes."));
      return;
    }
    String path = path(request);
    Matcher task = TASK_SUBMISSION.matcher(path);
    Optional<FormFields> form;
    if (task.matches()) {
      form = forms.ofTask(task.group(1));
    } else {
      Matcher byId = START_BY_ID.matcher(path);
      Matcher byKey = START_BY_KEY.matcher(path);
      form = byId.matches() ? forms.ofStart(byId.group(1), null)
          : byKey.matches() ? forms.ofStart(null, byKey.group(1)) : Optional.empty();
    }
    if (form.isPresent()) {
      List<String> refusals = refusals(form.get(), variables(body), task.matches() ? task.group(1) : null);
      if (!refusals.isEmpty()) {
        refuse(response, HttpStatus.BAD_REQUEST, refusals);
        return;
      }
    }
    chain.doFilter(new ReadBodyRequest(request, body), response);
  }

  /** What the submitted variables do that the form does not allow, one sentence per field. */
  private List<String> refusals(FormFields form, JsonNode variables, String taskId) {
    List<String> refusals = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> fields = variables.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      if (form.editable().contains(name)) {
        continue;
      }
      if (form.shown().contains(name)) {
        if (taskId == null || !sameValue(forms.shownValue(taskId, name), field.getValue().path("value"))) {
          refusals.add("Field '" + name + "' of form '" + form.formId() + "' is read-only: it may not be changed.");
        }
      } else {
        refusals.add("Field '" + name + "' is not on form '" + form.formId() + "': only the form's fields may be submitted.");
      }
    }
    return refusals;
  }

  private static boolean sameValue(Object shown, JsonNode submitted) {
    if (shown == null) {
      return submitted.isMissingNode() || submitted.isNull();
    }
    return submitted.isValueNode() && submitted.asText().equals(String.valueOf(shown));
  }

  private JsonNode variables(byte[] body) {
    try {
      return body.length == 0 ? json.createObjectNode() : json.readTree(body).path("variables");
    } catch (IOException notJson) {
      // the engine answers malformed JSON itself, as it always has
      return json.createObjectNode();
    }
  }

  /** The engine REST API's error shape, whose {@code message} Tasklist shows above the form. */
  private void refuse(HttpServletResponse response, HttpStatus status, List<String> messages) throws IOException {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("type", "InvalidRequestException");
    error.put("message", String.join(" ", messages));
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    json.writeValue(response.getOutputStream(), error);
  }

  private static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }
}
