package cn.marketplace.onboarding.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.marketplace.onboarding.account.AccountService;
import cn.marketplace.onboarding.account.Publisher;
import cn.marketplace.onboarding.account.PublisherRepository;
import cn.marketplace.onboarding.application.ApplicationFixtures;
import cn.marketplace.onboarding.application.ApplicationService;
import cn.marketplace.onboarding.application.SubmittedApplication;
import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.submission.TestPublishers;
import cn.marketplace.onboarding.submission.TestPublishers.TestPublisher;
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
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * ACT-5, one partner ID one organisation: a publisher activating with a partner ID another publisher
 * was activated with waits for the support team, who allow it or send the publisher back; everything
 * done as Tasklist does it, over HTTP.
 */
@OnboardingHttpTest
class SharedPartnerIdOverHttpTest {

  private static final String PASSWORD = "Staff-Passw0rd!x";
  private static final String REVIEWER = "reviewer-act5";
  private static final String MANAGER = "manager-act5";
  private static final String SUPPORT = "support-act5";

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;
  @Autowired RuntimeService runtimeService;
  @Autowired ApplicationService applications;
  @Autowired AccountService accounts;
  @Autowired PublisherRepository publishers;
  @Autowired JdbcTemplate jdbc;

  TestPublisher first;
  String partnerId;

  @BeforeEach
  void aPublisherActiveWithItsPartnerId() {
    StaffUsers.ensure(identityService, REVIEWER, Groups.REVIEWERS, PASSWORD);
    StaffUsers.ensure(identityService, MANAGER, Groups.ACCOUNT_MANAGERS, PASSWORD);
    StaffUsers.ensure(identityService, SUPPORT, Groups.SUPPORT, PASSWORD);
    partnerId = PartnerIds.unused();
    first = new TestPublishers(applications, accounts, identityService).active(partnerId);
  }

  @Test
  void aSecondPublisherWithATakenPartnerIdWaitsForSupportWhoAllowIt() {
    Onboarding second = toActivation();
    String supportTask = activateWithTheTakenPartnerId(second);
    TasklistClient support = TasklistClient.engineRest(http, SUPPORT, PASSWORD);

    TaskForm decision = support.open(supportTask);
    assertThat(decision.value("credential")).isEqualTo(partnerId);
    assertThat((String) decision.value("partnerIdBoundTo")).contains(first.id());
    assertThat(decision.editableFields()).containsExactly("sharedPartnerIdDecision");
    sent(support.send(Endpoint.SUBMIT_FORM, decision, Map.of("sharedPartnerIdDecision", "approve")));

    await().atMost(Duration.ofSeconds(30)).until(() -> publishers.findById(second.login()).orElseThrow().isActive());
    assertThat(credentialOf(second.login())).isEqualTo(partnerId);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(second.processInstanceId()).count())
        .as("the onboarding ended").isZero();
    assertFirstUnaffected();
  }

  @Test
  void supportRefusingSendsThePublisherBackToActivationWithTheRule() {
    Onboarding second = toActivation();
    String supportTask = activateWithTheTakenPartnerId(second);
    TasklistClient support = TasklistClient.engineRest(http, SUPPORT, PASSWORD);
    sent(support.send(Endpoint.SUBMIT_FORM, support.open(supportTask), Map.of("sharedPartnerIdDecision", "refuse")));

    TaskForm again = second.isv().open(second.isv().awaitTask(second.processInstanceId(), "activatePublishing"));
    assertThat((String) again.value("activationError")).startsWith("[ACT-5]").contains("合作伙伴 ID");
    assertThat(publishers.findById(second.login()).orElseThrow().isActive()).isFalse();
    assertFirstUnaffected();

    // with a partner ID of its own, it activates without support
    sent(second.isv().send(Endpoint.SUBMIT_FORM, again,
        Map.of("credentialType", "partnerId", "credential", PartnerIds.unused())));
    await().atMost(Duration.ofSeconds(30)).until(() -> publishers.findById(second.login()).orElseThrow().isActive());
  }

  private void assertFirstUnaffected() {
    Publisher publisher = publishers.findById(first.id()).orElseThrow();
    assertThat(publisher.isActive()).isTrue();
    assertThat(credentialOf(first.id())).isEqualTo(partnerId);
  }

  /** The ISV's activation with the partner ID the first publisher has: support's task is what comes next. */
  private String activateWithTheTakenPartnerId(Onboarding onboarding) {
    TaskForm activation = onboarding.isv().open(onboarding.isv().awaitTask(onboarding.processInstanceId(),
        "activatePublishing"));
    sent(onboarding.isv().send(Endpoint.SUBMIT_FORM, activation,
        Map.of("credentialType", "partnerId", "credential", partnerId)));
    String task = TasklistClient.engineRest(http, SUPPORT, PASSWORD)
        .awaitTask(onboarding.processInstanceId(), "approveSharedPartnerId");
    assertThat(publishers.findById(onboarding.login()).orElseThrow().isActive()).as("waits for support").isFalse();
    // the publisher cannot decide for the support team
    assertThat(onboarding.isv().get("/task/" + task).getStatusCode()).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    return task;
  }

  private String credentialOf(String publisherId) {
    return jdbc.queryForObject("select credential from publisher where id = ?", String.class, publisherId);
  }

  private record Onboarding(String processInstanceId, String login, TasklistClient isv) {}

  /** An application reviewed and called as staff do it, until the new publisher's activation. */
  private Onboarding toActivation() {
    String email = "act5-" + UUID.randomUUID().toString().substring(0, 8) + "@isv-act5.example.cn";
    SubmittedApplication application = applications.submit(ApplicationFixtures.unique(email));
    String pi = application.processInstanceId();
    TasklistClient reviewer = TasklistClient.engineRest(http, REVIEWER, PASSWORD);
    TasklistClient manager = TasklistClient.engineRest(http, MANAGER, PASSWORD);
    sent(reviewer.send(Endpoint.SUBMIT_FORM, reviewer.open(reviewer.awaitTask(pi, "reviewApplication")),
        Map.of("reviewDecision", "approve", "reviewComment", "ok")));
    String callTask = manager.awaitTask(pi, "callApplicant");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(Mails.subjects(email)).contains("您的 Azure 镜像市场发布商账号"));
    String login = Mails.find(email, "登录名：(\\S+)");
    TasklistClient isv = TasklistClient.engineRest(http, login, Mails.find(email, "初始密码：(\\S+)"));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(isv.get("/task?maxResults=1").getStatusCode()).isEqualTo(HttpStatus.OK));
    sent(manager.send(Endpoint.SUBMIT_FORM, manager.open(callTask), Map.of("callOutcome", "reached", "callNotes", "ok")));
    return new Onboarding(pi, login, isv);
  }

  private static void sent(ResponseEntity<JsonNode> response) {
    assertThat(response.getStatusCode().is2xxSuccessful()).as("%s", response).isTrue();
  }
}
