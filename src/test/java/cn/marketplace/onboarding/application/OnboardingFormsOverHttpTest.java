package cn.marketplace.onboarding.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.marketplace.onboarding.account.Publisher;
import cn.marketplace.onboarding.account.PublisherRepository;
import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.testsupport.Mails;
import cn.marketplace.onboarding.testsupport.OnboardingHttpTest;
import cn.marketplace.onboarding.testsupport.PartnerIds;
import cn.marketplace.onboarding.testsupport.StaffUsers;
import cn.marketplace.onboarding.testsupport.TasklistClient;
import cn.marketplace.onboarding.testsupport.TasklistClient.Endpoint;
import cn.marketplace.onboarding.testsupport.TasklistClient.TaskForm;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every task of {@code publisherOnboarding} completed as Tasklist completes it, over HTTP: the
 * review, the call and the activation. Every field each form lets its user change reaches the
 * instance, and the activation the publisher's record.
 */
@OnboardingHttpTest
class OnboardingFormsOverHttpTest {

  private static final String PASSWORD = "Staff-Passw0rd!x";
  private static final String REVIEWER = "reviewer-forms";
  private static final String MANAGER = "manager-forms";

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;
  @Autowired HistoryService historyService;
  @Autowired ApplicationService applications;
  @Autowired PublisherRepository publishers;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void staff() {
    StaffUsers.ensure(identityService, REVIEWER, Groups.REVIEWERS, PASSWORD);
    StaffUsers.ensure(identityService, MANAGER, Groups.ACCOUNT_MANAGERS, PASSWORD);
  }

  @ParameterizedTest
  @EnumSource(Endpoint.class)
  void theReviewTheCallAndTheActivationReachTheProcessAndThePublisher(Endpoint endpoint) {
    String email = "forms-" + UUID.randomUUID().toString().substring(0, 8) + "@isv-forms.example.cn";
    SubmittedApplication application = applications.submit(ApplicationFixtures.unique(email));
    String pi = application.processInstanceId();
    TasklistClient reviewer = TasklistClient.engineRest(http, REVIEWER, PASSWORD);
    TasklistClient manager = TasklistClient.engineRest(http, MANAGER, PASSWORD);

    // reviewApplication
    TaskForm review = reviewer.open(reviewer.awaitTask(pi, "reviewApplication"));
    assertThat(review.value("contactEmail")).isEqualTo(email);
    Map<String, Object> decision = Map.of("reviewDecision", "approve", "reviewComment", "Licence checked (" + endpoint + ")");
    assertThat(decision.keySet()).containsExactlyInAnyOrderElementsOf(review.editableFields());
    sent(reviewer.send(endpoint, review, decision));
    assertThat(instanceVariable(pi, "reviewDecision")).isEqualTo("approve");
    assertThat(instanceVariable(pi, "reviewComment")).isEqualTo(decision.get("reviewComment"));

    // callApplicant, once the account is issued (the call joins the account's branch)
    String callTask = manager.awaitTask(pi, "callApplicant");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(Mails.subjects(email)).contains("您的 Azure 镜像市场发布商账号"));
    TasklistClient isv = TasklistClient.engineRest(http, Mails.find(email, "登录名：(\\S+)"),
        Mails.find(email, "初始密码：(\\S+)"));
    // completing the call while the account job commits would fail one of the two: call once it is in
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(isv.get("/task?maxResults=1").getStatusCode()).isEqualTo(HttpStatus.OK));
    TaskForm call = manager.open(callTask);
    Map<String, Object> outcome = Map.of("callOutcome", "reached", "callNotes", "Spoke with the contact; all clear");
    assertThat(outcome.keySet()).containsExactlyInAnyOrderElementsOf(call.editableFields());
    sent(manager.send(endpoint, call, outcome));
    assertThat(instanceVariable(pi, "callOutcome")).isEqualTo("reached");
    assertThat(instanceVariable(pi, "callNotes")).isEqualTo(outcome.get("callNotes"));

    // activatePublishing: the ISV's partner ID makes the publisher active
    TaskForm activation = isv.open(isv.awaitTask(pi, "activatePublishing"));
    String partnerId = PartnerIds.unused();
    Map<String, Object> credential = Map.of("credentialType", "partnerId", "credential", partnerId);
    assertThat(credential.keySet()).containsExactlyInAnyOrderElementsOf(activation.editableFields());
    sent(isv.send(endpoint, activation, credential));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
        publishers.findByApplicationId(application.id()).map(Publisher::isActive)).contains(true));
    assertThat(jdbc.queryForMap("select credential_type, credential from publisher where application_id = ?",
        application.id())).containsEntry("CREDENTIAL_TYPE", "partnerId").containsEntry("CREDENTIAL", partnerId);
  }

  private static void sent(ResponseEntity<JsonNode> answer) {
    assertThat(answer.getStatusCode().is2xxSuccessful()).as("%s", answer.getBody()).isTrue();
  }

  /** The value the process instance holds (not a task's local copy), as history keeps it. */
  private Object instanceVariable(String pi, String name) {
    return historyService.createHistoricVariableInstanceQuery().processInstanceId(pi).variableName(name).list().stream()
        .filter(v -> v.getTaskId() == null).map(v -> v.getValue()).findFirst().orElse(null);
  }
}
