package cn.marketplace.onboarding.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.marketplace.onboarding.account.AccountService;
import cn.marketplace.onboarding.account.PublisherRepository;
import cn.marketplace.onboarding.application.ApplicationFixtures;
import cn.marketplace.onboarding.application.ApplicationService;
import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.submission.TestPublishers;
import cn.marketplace.onboarding.testsupport.Mails;
import cn.marketplace.onboarding.testsupport.OnboardingHttpTest;
import cn.marketplace.onboarding.testsupport.PartnerIds;
import cn.marketplace.onboarding.testsupport.StaffUsers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A publisher reads its own history over HTTP (`GET /api/history`): the steps of its onboarding with
 * their times, the outcome, the values it gave on its own task; never the account manager's notes,
 * the staff who worked it, nor anything of another publisher, however the request is spelled.
 */
@OnboardingHttpTest
class PublisherHistoryTest {

  private static final String STAFF_PASSWORD = "Staff-Passw0rd!x";
  private static final String CALL_NOTES = "staff only: the founder hesitated twice";

  @LocalServerPort int port;
  @Autowired ApplicationService applications;
  @Autowired AccountService accounts;
  @Autowired PublisherRepository publishers;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired IdentityService identityService;
  @Autowired ObjectMapper json;
  @Autowired JdbcTemplate database;

  private static final HttpClient client = HttpClient.newHttpClient();
  private static String base;
  private static String reviewer;
  private static String manager;
  private static String[] isvA;
  private static String[] isvB;
  private static String onboardingA;
  private static String onboardingB;
  private static String activationTaskA;

  /** A onboarded through the process, its staff steps worked by signed-in staff; B active beside it. */
  @BeforeEach
  void twoPublishersOneWithStaffNotes() {
    if (base != null && base.endsWith(":" + port)) {
      return;
    }
    base = "http://localhost:" + port;
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    reviewer = "ph-rev-" + suffix;
    manager = "ph-mgr-" + suffix;
    StaffUsers.ensure(identityService, reviewer, Groups.REVIEWERS, STAFF_PASSWORD);
    StaffUsers.ensure(identityService, manager, Groups.ACCOUNT_MANAGERS, STAFF_PASSWORD);
    String email = "ph-a-" + suffix + "@isv-a.example.cn";
    onboardingA = applications.submit(ApplicationFixtures.unique(email)).processInstanceId();
    asStaff(reviewer, Groups.REVIEWERS, awaitTask(onboardingA, "reviewApplication"), Map.of("reviewDecision", "approve"));
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> Mails.find(email, "初始密码：(\\S+)") != null);
    asStaff(manager, Groups.ACCOUNT_MANAGERS, awaitTask(onboardingA, "callApplicant"),
        Map.of("callOutcome", "reached", "callNotes", CALL_NOTES));
    activationTaskA = awaitTask(onboardingA, "activatePublishing");
    isvA = new String[] {Mails.find(email, "登录名：(\\S+)"), Mails.find(email, "初始密码：(\\S+)")};
    TestPublishers.TestPublisher b = new TestPublishers(applications, accounts, identityService).active();
    isvB = new String[] {b.id(), TestPublishers.PASSWORD};
    onboardingB = database.queryForObject("select a.process_instance_id from application a join publisher p"
        + " on p.application_id = a.id where p.id = ?", String.class, b.id());
    // A works its own task as Tasklist does
    assertThat(send(isvA, "POST", "/engine-rest/task/" + activationTaskA + "/claim", Map.of("userId", isvA[0]))
        .statusCode()).isEqualTo(204);
    HttpResponse<String> submitted = send(isvA, "POST", "/engine-rest/task/" + activationTaskA + "/submit-form",
        Map.of("variables", Map.of("credentialType", Map.of("value", "partnerId"),
            "credential", Map.of("value", PartnerIds.unused()))));
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(204);
    await().atMost(Duration.ofSeconds(30)).until(() -> publishers.findById(isvA[0]).orElseThrow().isActive());
  }

  @Test
  void aPublisherSeesItsOwnStepsOutcomeAndValuesButNoStaffNotesNorStaffIds() {
    HttpResponse<String> answer = send(isvA, "GET", "/api/history", null);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode timelines = read(answer);
    assertThat(timelines.findValuesAsText("processInstanceId")).contains(onboardingA).doesNotContain(onboardingB);
    JsonNode onboarding = only(timelines, onboardingA);
    assertThat(onboarding.path("process").asText()).isEqualTo("publisherOnboarding");
    assertThat(onboarding.path("startedAt").asText()).isNotEmpty();
    assertThat(onboarding.path("steps").findValuesAsText("activityId"))
        .contains("reviewApplication", "callApplicant", "activatePublishing");
    JsonNode activation = step(onboarding, "activatePublishing");
    assertThat(activation.path("endedAt").asText()).isNotEmpty();
    assertThat(activation.path("yourValues").path("credentialType").asText()).isEqualTo("partnerId");
    assertThat(step(onboarding, "callApplicant").path("yourValues").isEmpty()).as("the staff's step shows no values")
        .isTrue();
    assertThat(answer.body()).doesNotContain(CALL_NOTES).doesNotContain("callNotes").doesNotContain("callOutcome")
        .doesNotContain(reviewer).doesNotContain(manager).doesNotContain("reviewDecision").doesNotContain("assignee");

    HttpResponse<String> one = send(isvA, "GET", "/api/history?processInstanceId=" + onboardingA, null);
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(read(one).size()).isEqualTo(1);
  }

  @Test
  void anotherPublishersInstanceIsAnsweredAsOneThatDoesNotExist() {
    HttpResponse<String> foreign = send(isvB, "GET", "/api/history?processInstanceId=" + onboardingA, null);
    assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(404);
    assertThat(foreign.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
        assertThat(type).startsWith("application/problem+json"));
    assertThat(read(foreign).path("detail").asText()).contains("processInstanceId");
    assertThat(foreign.body()).doesNotContain("activatePublishing").doesNotContain(isvA[0]);
    HttpResponse<String> own = send(isvB, "GET", "/api/history", null);
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(read(own).findValuesAsText("processInstanceId")).contains(onboardingB).doesNotContain(onboardingA);
    assertThat(send(isvA, "GET", "/api/history?processInstanceId=" + onboardingB, null).statusCode()).isEqualTo(404);
    assertThat(send(isvA, "GET", "/api/history?processInstanceId=no-such-instance", null).statusCode()).isEqualTo(404);
  }

  @Test
  void parametersThatWouldWidenTheQueryAreRefusedNamingTheField() {
    for (String widening : List.of("publisherId=" + isvA[0], "userId=" + isvA[0], "processInstanceIds=" + onboardingA,
        "processDefinitionKey=publisherOnboarding", "group=isv-" + isvA[0], "maxResults=100000")) {
      HttpResponse<String> answer = send(isvB, "GET", "/api/history?" + widening, null);
      String field = widening.substring(0, widening.indexOf('='));
      assertThat(answer.statusCode()).as(widening).isEqualTo(400);
      assertThat(read(answer).path("detail").asText()).as(widening).contains("'" + field + "'");
      assertThat(answer.body()).doesNotContain(onboardingA);
    }
  }

  @Test
  void onlyPublishersReadItAndOnlyWithGet() {
    assertThat(send(new String[] {reviewer, STAFF_PASSWORD}, "GET", "/api/history", null).statusCode())
        .as("staff read the audit trail").isEqualTo(403);
    assertThat(send(null, "GET", "/api/history", null).statusCode()).isEqualTo(401);
    long operations = historyService.createUserOperationLogQuery().processInstanceId(onboardingA).count();
    for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
      HttpResponse<String> answer = send(isvB, method, "/api/history?processInstanceId=" + onboardingA,
          Map.of("processInstanceId", onboardingA, "publisherId", isvA[0]));
      assertThat(answer.statusCode()).as(method).isBetween(400, 499);
      assertThat(answer.body()).as(method).doesNotContain("activatePublishing");
    }
    assertThat(historyService.createUserOperationLogQuery().processInstanceId(onboardingA).count()).isEqualTo(operations);
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(onboardingA).count()).isEqualTo(1);
  }

  @Test
  void theEngineHistoryResourcesStayRefusedToPublishersTasklistsHistoryTabIncluded() {
    for (String read : List.of("/history/user-operation?taskId=" + activationTaskA + "&maxResults=50&firstResult=0",
        "/history/user-operation/count?taskId=" + activationTaskA, "/task/" + activationTaskA + "/comment",
        "/history/activity-instance?processInstanceId=" + onboardingA, "/history/process-instance/" + onboardingA)) {
      HttpResponse<String> answer = send(isvA, "GET", "/engine-rest" + read, null);
      assertThat(answer.statusCode()).as(read).isEqualTo(403);
      assertThat(answer.body()).doesNotContain(CALL_NOTES).doesNotContain(reviewer);
    }
  }

  private void asStaff(String userId, String group, String taskId, Map<String, Object> variables) {
    identityService.setAuthentication(userId, List.of(group));
    try {
      taskService.claim(taskId, userId);
      taskService.complete(taskId, variables);
    } finally {
      identityService.clearAuthentication();
    }
  }

  private String awaitTask(String processInstanceId, String taskKey) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> taskService.createTaskQuery()
        .processInstanceId(processInstanceId).taskDefinitionKey(taskKey).singleResult(), task -> task != null).getId();
  }

  private static JsonNode only(JsonNode timelines, String processInstanceId) {
    for (JsonNode timeline : timelines) {
      if (timeline.path("processInstanceId").asText().equals(processInstanceId)) {
        return timeline;
      }
    }
    throw new AssertionError("no timeline of " + processInstanceId + " in " + timelines);
  }

  private static JsonNode step(JsonNode timeline, String activityId) {
    for (JsonNode step : timeline.path("steps")) {
      if (step.path("activityId").asText().equals(activityId)) {
        return step;
      }
    }
    throw new AssertionError("no step " + activityId + " in " + timeline);
  }

  private JsonNode read(HttpResponse<String> answer) {
    try {
      return json.readTree(answer.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + answer.body(), e);
    }
  }

  private HttpResponse<String> send(String[] login, String method, String path, Object body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (login != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
          (login[0] + ":" + login[1]).getBytes(StandardCharsets.UTF_8)));
    }
    try {
      request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
      if (body != null) {
        request.header("Content-Type", "application/json");
      }
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
