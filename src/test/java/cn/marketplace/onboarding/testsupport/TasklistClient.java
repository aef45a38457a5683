package cn.marketplace.onboarding.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A user working on tasks the way Tasklist does, over HTTP: signed in (Basic on the engine REST API,
 * or a webapp session with its CSRF token on the API Tasklist itself calls), opening a task's form
 * ({@code form-variables} and the deployed form), and sending the fields the form lets the user
 * change with {@code submit-form} or {@code complete}, typed as Tasklist types them.
 */
public final class TasklistClient {

  /** How a task is completed: Tasklist's {@code submit-form}, or {@code complete} as automation does. */
  public enum Endpoint {
    SUBMIT_FORM("submit-form"), COMPLETE("complete");

    private final String path;

    Endpoint(String path) {
      this.path = path;
    }
  }

  private static final String WEBAPP_ENGINE_API = "/camunda/api/engine/engine/default";

  private final TestRestTemplate http;
  private final String engineApi;
  private final HttpHeaders credentials;

  private TasklistClient(TestRestTemplate http, String engineApi, HttpHeaders credentials) {
    this.http = http;
    this.engineApi = engineApi;
    this.credentials = credentials;
  }

  /** {@code user} on the engine REST API, with Basic credentials. */
  public static TasklistClient engineRest(TestRestTemplate http, String user, String password) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, password);
    return new TasklistClient(http, "/engine-rest", headers);
  }

  /**
   * {@code user} signed in to Tasklist as the browser does: a page for the CSRF cookie, the login
   * with its token, then the calls the page makes next with the session and its token.
   */
  public static TasklistClient webapp(TestRestTemplate http, String user, String password) {
    HttpHeaders anonymous = webappSession(http, new HttpHeaders());
    HttpHeaders login = new HttpHeaders();
    login.addAll(anonymous);
    login.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    ResponseEntity<String> signedIn = http.exchange("/camunda/api/admin/auth/user/default/login/tasklist",
        HttpMethod.POST, new HttpEntity<>("username=" + user + "&password=" + password, login), String.class);
    assertThat(signedIn.getStatusCode().value()).as(signedIn.getBody()).isEqualTo(200);
    String session = "JSESSIONID=" + cookie(signedIn.getHeaders(), "JSESSIONID");
    // Tasklist goes on in the same page: its next call hands out the new session's token, if it has a new one
    HttpHeaders next = new HttpHeaders();
    next.add(HttpHeaders.COOKIE, session);
    ResponseEntity<String> profile = http.exchange(WEBAPP_ENGINE_API + "/user/" + user + "/profile", HttpMethod.GET,
        new HttpEntity<>(next), String.class);
    assertThat(profile.getStatusCode().value()).as("%s's profile: %s", user, profile.getBody()).isEqualTo(200);
    String token = profile.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE).stream()
        .anyMatch(c -> c.startsWith("XSRF-TOKEN=")) ? cookie(profile.getHeaders(), "XSRF-TOKEN")
        : anonymous.getFirst("X-XSRF-TOKEN");
    HttpHeaders headers = new HttpHeaders();
    headers.add("X-XSRF-TOKEN", token);
    headers.add(HttpHeaders.COOKIE, session + "; XSRF-TOKEN=" + token);
    return new TasklistClient(http, WEBAPP_ENGINE_API, headers);
  }

  /** The ID of the one open task {@code taskKey} of the instance this user sees, once there is one. */
  public String awaitTask(String processInstanceId, String taskKey) {
    String path = "/task?maxResults=10&processInstanceId=" + processInstanceId + "&taskDefinitionKey=" + taskKey;
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      ResponseEntity<JsonNode> tasks = get(path);
      assertThat(tasks.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(tasks.getBody()).as("%s tasks of %s", taskKey, processInstanceId).hasSize(1);
    });
    return get(path).getBody().get(0).get("id").asText();
  }

  /** The task's form as Tasklist opens it: the deployed form and the values it shows. */
  public TaskForm open(String taskId) {
    ResponseEntity<JsonNode> variables = get("/task/" + taskId + "/form-variables");
    assertThat(variables.getStatusCode()).as("form variables of task %s", taskId).isEqualTo(HttpStatus.OK);
    ResponseEntity<JsonNode> form = get("/task/" + taskId + "/deployed-form");
    assertThat(form.getStatusCode()).as("deployed form of task %s", taskId).isEqualTo(HttpStatus.OK);
    return new TaskForm(taskId, form.getBody(), variables.getBody());
  }

  /**
   * Sends {@code values}, fields of the task's form only, with {@code endpoint}; each typed as the
   * form's variable of that name is, else as Tasklist types a new value (String, Long, Double, Boolean).
   */
  public ResponseEntity<JsonNode> send(Endpoint endpoint, TaskForm form, Map<String, Object> values) {
    assertThat(form.fields()).as("fields of form %s", form.formId()).containsAll(values.keySet());
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> {
      Map<String, Object> variable = new LinkedHashMap<>();
      variable.put("value", value);
      variable.put("type", form.typeOf(name).orElseGet(() -> typeOf(value)));
      variables.put(name, variable);
    });
    return exchange(HttpMethod.POST, engineApi + "/task/" + form.taskId() + "/" + endpoint.path,
        Map.of("variables", variables));
  }

  /** GET on the engine API this client uses, {@code path} relative to it. */
  public ResponseEntity<JsonNode> get(String path) {
    return exchange(HttpMethod.GET, engineApi + path, null);
  }

  /** {@code method} on the engine API this client uses, {@code path} relative to it, with a JSON body or none. */
  public ResponseEntity<JsonNode> call(HttpMethod method, String path, Object body) {
    return exchange(method, engineApi + path, body);
  }

  /** {@code method} on another API of the webapp this client signed in to (Cockpit's), {@code path} from the root. */
  public ResponseEntity<JsonNode> callWebapp(HttpMethod method, String path, Object body) {
    return exchange(method, path, body);
  }

  private ResponseEntity<JsonNode> exchange(HttpMethod method, String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.addAll(credentials);
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
  }

  private static String typeOf(Object value) {
    if (value instanceof Boolean) {
      return "Boolean";
    }
    if (value instanceof Integer || value instanceof Long) {
      return "Long";
    }
    if (value instanceof Number) {
      return "Double";
    }
    return "String";
  }

  /** The session's cookie and CSRF token, as the Tasklist page hands them out. */
  private static HttpHeaders webappSession(TestRestTemplate http, HttpHeaders cookies) {
    ResponseEntity<String> page = http.exchange("/camunda/app/tasklist/default/", HttpMethod.GET,
        new HttpEntity<>(cookies), String.class);
    assertThat(page.getStatusCode().value()).as("Tasklist's page: %s", page.getBody()).isEqualTo(200);
    String token = cookie(page.getHeaders(), "XSRF-TOKEN");
    String session = page.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE).stream()
        .anyMatch(c -> c.startsWith("JSESSIONID="))
        ? "JSESSIONID=" + cookie(page.getHeaders(), "JSESSIONID") : cookies.getFirst(HttpHeaders.COOKIE);
    HttpHeaders headers = new HttpHeaders();
    headers.add("X-XSRF-TOKEN", token);
    headers.add(HttpHeaders.COOKIE, session + "; XSRF-TOKEN=" + token);
    return headers;
  }

  private static String cookie(HttpHeaders headers, String name) {
    String setCookie = headers.getOrEmpty(HttpHeaders.SET_COOKIE).stream().filter(c -> c.startsWith(name + "="))
        .findFirst().orElseThrow(() -> new AssertionError("no cookie " + name + " in " + headers));
    int end = setCookie.indexOf(';');
    return setCookie.substring(name.length() + 1, end < 0 ? setCookie.length() : end);
  }

  /** A task's deployed Camunda form and the variables it shows. */
  public record TaskForm(String taskId, JsonNode form, JsonNode variables) {

    public String formId() {
      return form.path("id").asText();
    }

    /** Every field of the form, by key. */
    public Set<String> fields() {
      Set<String> keys = new TreeSet<>();
      collect(form.path("components"), keys, false);
      return keys;
    }

    /** The fields a user can change: neither disabled nor read-only. */
    public Set<String> editableFields() {
      Set<String> keys = new TreeSet<>();
      collect(form.path("components"), keys, true);
      return keys;
    }

    /** The editable fields but those the form hides for the values it shows ({@code conditional.hide}). */
    public Set<String> editableFieldsExcept(String... hidden) {
      Set<String> keys = editableFields();
      assertThat(keys).as("editable fields of %s", formId()).contains(hidden);
      List.of(hidden).forEach(keys::remove);
      return keys;
    }

    /** The value the form shows for {@code name}, null if it shows none. */
    public Object value(String name) {
      JsonNode value = variables.path(name).path("value");
      if (value.isMissingNode() || value.isNull()) {
        return null;
      }
      return value.isNumber() ? value.numberValue() : value.isBoolean() ? value.booleanValue() : value.asText();
    }

    /** Names of the variables the form is given. */
    public List<String> shownVariables() {
      List<String> names = new ArrayList<>();
      variables.fieldNames().forEachRemaining(names::add);
      return names;
    }

    java.util.Optional<String> typeOf(String name) {
      JsonNode type = variables.path(name).path("type");
      return type.isTextual() && !"Null".equals(type.asText()) ? java.util.Optional.of(type.asText())
          : java.util.Optional.empty();
    }

    private static void collect(JsonNode components, Set<String> keys, boolean editableOnly) {
      for (JsonNode component : components) {
        String key = component.path("key").asText("");
        boolean onlyShown = component.path("disabled").asBoolean(false) || component.path("readonly").asBoolean(false);
        if (!key.isEmpty() && !(editableOnly && onlyShown)) {
          keys.add(key);
        }
        collect(component.path("components"), keys, editableOnly);
      }
    }
  }
}
