package cn.marketplace.onboarding.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.marketplace.onboarding.account.AccountService;
import cn.marketplace.onboarding.application.ApplicationFixtures;
import cn.marketplace.onboarding.application.ApplicationService;
import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.submission.SubmissionFixtures;
import cn.marketplace.onboarding.submission.SubmissionService;
import cn.marketplace.onboarding.submission.TestPublishers;
import cn.marketplace.onboarding.testsupport.OnboardingHttpTest;
import cn.marketplace.onboarding.testsupport.StaffUsers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Completing a task or starting a process over HTTP carries the form's fields only: what the form
 * lacks, or another value for what it only shows, is refused with 400 naming the field, and
 * nothing happens. The refusals are the ways one would steer a process from outside: an ISV
 * claiming to be another's user at the start of a submission, a reviewer deciding the partner
 * check too, anyone rewriting the applicant the form shows.
 */
@OnboardingHttpTest
class FormSubmissionGuardTest {

  private static final String STAFF_PASSWORD = "Staff-Passw0rd!x";

  @Autowired TestRestTemplate http;
  @Autowired ObjectMapper json;
  @Autowired ApplicationService applications;
  @Autowired AccountService accounts;
  @Autowired IdentityService identityService;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;

  private String reviewer;

  @BeforeEach
  void reviewer() {
    reviewer = "guard-rev-" + UUID.randomUUID().toString().substring(0, 6);
    StaffUsers.ensure(identityService, reviewer, Groups.REVIEWERS, STAFF_PASSWORD);
  }

  @Test
  void anIsvCannotStartASubmissionAsAnotherPublishersUser() {
    TestPublishers publishers = new TestPublishers(applications, accounts, identityService);
    TestPublishers.TestPublisher isvA = publishers.active();
    TestPublishers.TestPublisher isvB = publishers.active();
    Map<String, Object> variables = restVariables(SubmissionFixtures.variables(SubmissionFixtures.linux()));
    variables.put("submittedBy", Map.of("value", isvB.id()));
    long before = startedSubmissions();

    ResponseEntity<String> start = post(basic(isvA.id(), TestPublishers.PASSWORD),
        "/engine-rest/process-definition/key/" + SubmissionService.PROCESS_KEY + "/submit-form", Map.of("variables", variables));

    assertThat(start.getStatusCode().value()).isEqualTo(400);
    assertThat(message(start)).contains("'submittedBy'").contains("'submissionForm'").doesNotContain("osVhdUri");
    assertThat(startedSubmissions()).as("submissions started").isEqualTo(before);
    // the gate refuses as our API does: problem+json, with the engine's message beside the detail
    assertThat(start.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
    JsonNode problem = readJson(start);
    assertThat(problem.path("type").asText()).isEqualTo("https://marketplace-onboarding/problems/invalid-field");
    assertThat(problem.path("status").asInt()).isEqualTo(400);
    assertThat(problem.path("title").asText()).isEqualTo("Invalid field");
    assertThat(problem.path("detail").asText()).isEqualTo(message(start));

    variables.remove("submittedBy");
    ResponseEntity<String> honest = post(basic(isvA.id(), TestPublishers.PASSWORD),
        "/engine-rest/process-definition/key/" + SubmissionService.PROCESS_KEY + "/submit-form", Map.of("variables", variables));
    assertThat(honest.getStatusCode().value()).as(honest.getBody()).isEqualTo(200);
    assertThat(startedSubmissions()).isEqualTo(before + 1);
  }

  @Test
  void aReviewerCompletesTheReviewWithTheReviewFormsFieldsOnly() {
    String instance = applications.submit(ApplicationFixtures.unique("guard-" + UUID.randomUUID() + "@example.cn"))
        .processInstanceId();
    Task review = task(instance, "reviewApplication");
    String path = "/engine-rest/task/" + review.getId() + "/complete";
    HttpHeaders reviewerLogin = basic(reviewer, STAFF_PASSWORD);

    ResponseEntity<String> decidingMore = post(reviewerLogin, path, Map.of("variables", Map.of(
        "reviewDecision", Map.of("value", "approve"), "credentialResult", Map.of("value", "valid"))));
    assertThat(decidingMore.getStatusCode().value()).isEqualTo(400);
    assertThat(message(decidingMore)).contains("'credentialResult'").contains("not on form 'reviewApplicationForm'");

    ResponseEntity<String> rewriting = post(reviewerLogin, path, Map.of("variables", Map.of(
        "reviewDecision", Map.of("value", "approve"), "contactEmail", Map.of("value", "someone-else@example.cn"))));
    assertThat(rewriting.getStatusCode().value()).isEqualTo(400);
    assertThat(message(rewriting)).contains("'contactEmail'").contains("read-only");
    assertThat(taskService.createTaskQuery().taskId(review.getId()).count()).as("the review is still open").isOne();

    // what Tasklist sends: the decision, and the shown fields as they are
    Object companyName = runtimeService.getVariable(instance, "companyName");
    ResponseEntity<String> asShown = post(reviewerLogin, path, Map.of("variables", Map.of(
        "reviewDecision", Map.of("value", "approve"), "companyName", Map.of("value", companyName))));
    assertThat(asShown.getStatusCode().value()).as(asShown.getBody()).isEqualTo(204);
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instance)
        .variableName("credentialResult").count()).isZero();
  }

  @Test
  void tasklistsOwnApiIsGuardedToo() {
    String instance = applications.submit(ApplicationFixtures.unique("guard-tl-" + UUID.randomUUID() + "@example.cn"))
        .processInstanceId();
    Task review = task(instance, "reviewApplication");
    HttpHeaders session = tasklistSession(reviewer, STAFF_PASSWORD);

    ResponseEntity<String> refused = post(session, "/camunda/api/engine/engine/default/task/" + review.getId()
        + "/submit-form", Map.of("variables", Map.of("reviewDecision", Map.of("value", "approve"),
        "publisherId", Map.of("value", "p-chosen-by-the-reviewer"))));

    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat(message(refused)).contains("'publisherId'");
    ResponseEntity<String> accepted = post(session, "/camunda/api/engine/engine/default/task/" + review.getId()
        + "/submit-form", Map.of("variables", Map.of("reviewDecision", Map.of("value", "approve"))));
    assertThat(accepted.getStatusCode().value()).as(accepted.getBody()).isEqualTo(204);
  }

  // ----------------------------------------------------------------------------------------------

  private long startedSubmissions() {
    return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(SubmissionService.PROCESS_KEY).count();
  }

  private Task task(String processInstanceId, String key) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> taskService.createTaskQuery()
        .processInstanceId(processInstanceId).taskDefinitionKey(key).singleResult(), found -> found != null);
  }

  private static Map<String, Object> restVariables(Map<String, Object> values) {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    return variables;
  }

  private ResponseEntity<String> post(HttpHeaders headers, String path, Object body) {
    HttpHeaders request = new HttpHeaders();
    request.addAll(headers);
    request.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, request), String.class);
  }

  private String message(ResponseEntity<String> answer) {
    return readJson(answer).path("message").asText();
  }

  private JsonNode readJson(ResponseEntity<String> answer) {
    try {
      return json.readTree(answer.getBody());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + answer.getBody(), e);
    }
  }

  private static HttpHeaders basic(String user, String password) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, password);
    return headers;
  }

  /**
   * Signs in to Tasklist as the browser does: a page for the CSRF cookie, the login with its token,
   * and a page again for the new session's token.
   */
  private HttpHeaders tasklistSession(String user, String password) {
    HttpHeaders anonymous = session(new HttpHeaders());
    HttpHeaders login = new HttpHeaders();
    login.addAll(anonymous);
    login.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    ResponseEntity<String> signedIn = http.exchange("/camunda/api/admin/auth/user/default/login/tasklist", HttpMethod.POST,
        new HttpEntity<>("username=" + user + "&password=" + password, login), String.class);
    assertThat(signedIn.getStatusCode().value()).as(signedIn.getBody()).isEqualTo(200);
    HttpHeaders signedInSession = new HttpHeaders();
    signedInSession.add(HttpHeaders.COOKIE, "JSESSIONID=" + cookieValue(signedIn.getHeaders(), "JSESSIONID"));
    return session(signedInSession);
  }

  /** The session's cookie and CSRF token, as the Tasklist page hands them out. */
  private HttpHeaders session(HttpHeaders cookies) {
    ResponseEntity<String> page = http.exchange("/camunda/app/tasklist/default/", HttpMethod.GET, new HttpEntity<>(cookies),
        String.class);
    String token = cookieValue(page.getHeaders(), "XSRF-TOKEN");
    String session = page.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE).stream().anyMatch(c -> c.startsWith("JSESSIONID="))
        ? "JSESSIONID=" + cookieValue(page.getHeaders(), "JSESSIONID") : cookies.getFirst(HttpHeaders.COOKIE);
    HttpHeaders headers = new HttpHeaders();
    headers.add("X-XSRF-TOKEN", token);
    headers.add(HttpHeaders.COOKIE, session + "; XSRF-TOKEN=" + token);
    return headers;
  }

  private static String cookieValue(HttpHeaders headers, String name) {
    String cookie = EngineHardeningTest.cookie(headers, name);
    return cookie.substring(name.length() + 1, cookie.indexOf(';') < 0 ? cookie.length() : cookie.indexOf(';'));
  }

}
