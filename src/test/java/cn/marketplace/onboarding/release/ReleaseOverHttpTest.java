package cn.marketplace.onboarding.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.marketplace.onboarding.account.AccountService;
import cn.marketplace.onboarding.application.ApplicationService;
import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.submission.SubmissionService;
import cn.marketplace.onboarding.submission.SubmissionSteps;
import cn.marketplace.onboarding.submission.TestPublishers;
import cn.marketplace.onboarding.submission.TestPublishers.TestPublisher;
import cn.marketplace.onboarding.testsupport.MailServer;
import cn.marketplace.onboarding.testsupport.Mails;
import cn.marketplace.onboarding.testsupport.OnboardingHttpTest;
import cn.marketplace.onboarding.testsupport.StaffUsers;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An offer with two SKUs released over HTTP as its users do it: the ISV through {@code /api/releases}
 * and the engine REST API, the support team through the engine REST API's tasks, everybody through
 * the catalogue. The job executor runs; the engine's clock starts on Monday 2 March 2026, 10:00 in
 * Beijing, and moves past the agreed release time.
 */
@OnboardingHttpTest
class ReleaseOverHttpTest {

  private static final Instant MONDAY = OffsetDateTime.parse("2026-03-02T10:00+08:00").toInstant();
  private static final String RELEASE_AT = "2026-03-03T10:00+08:00";
  private static final String SUPPORT_USER = "support-release-http";

  @Autowired TestRestTemplate http;
  @Autowired ProcessEngine processEngine;
  @Autowired IdentityService identityService;
  @Autowired RuntimeService runtimeService;
  @Autowired RepositoryService repositoryService;
  @Autowired ManagementService managementService;
  @Autowired ApplicationService applications;
  @Autowired AccountService accounts;
  @Autowired SubmissionService submissions;
  @Autowired SubmissionSteps steps;
  @Autowired JdbcTemplate jdbc;

  private TestPublishers publishers;
  private CertifiedOffers offers;

  @BeforeEach
  void setUp() {
    ClockUtil.setCurrentTime(Date.from(MONDAY));
    MailServer.purge();
    publishers = new TestPublishers(applications, accounts, identityService);
    offers = new CertifiedOffers(submissions, steps, runtimeService, repositoryService, jdbc);
    StaffUsers.ensure(identityService, SUPPORT_USER, Groups.SUPPORT, TestPublishers.PASSWORD);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aPublisherReleasesTwoSkusThatNoOtherPublisherSeesAndThePublicSeesOnlyAfterTheReleaseTime() {
    TestPublisher alpha = publishers.active();
    TestPublisher beta = publishers.active();
    offers.twoSkus(alpha);

    ResponseEntity<JsonNode> started = call(alpha.id(), HttpMethod.POST, "/api/releases", content());
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String releaseId = started.getBody().get("id").asText();
    String pi = started.getBody().get("processInstanceId").asText();
    assertThat(started.getHeaders().getLocation()).hasPath("/api/releases/" + releaseId);
    // one release of an offer at a time; another publisher has no such offer
    ResponseEntity<JsonNode> again = call(alpha.id(), HttpMethod.POST, "/api/releases", content());
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(again.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(again.getBody().get("findings").get(0).get("ruleId").asText()).isEqualTo("OFFER-1");
    assertThat(call(beta.id(), HttpMethod.POST, "/api/releases", content()).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);

    completeTask(SUPPORT_USER, pi, "reviewSubmission", Map.of("reviewDecision", "approve"));

    // STG-2: the staging entry and the staging task are alpha's alone
    String verifyTask = awaitTask(alpha.id(), pi, "verifyStaging");
    JsonNode own = call(alpha.id(), HttpMethod.GET, "/api/publishers/" + alpha.id() + "/offers", null).getBody();
    assertThat(own).hasSize(1);
    assertThat(own.get(0).get("state").asText()).isEqualTo("staging");
    assertThat(own.get(0).get("release").get("skus")).hasSize(2);
    String stagingPath = URI.create(own.get(0).get("release").get("stagingUrl").asText()).getPath();
    assertThat(call(alpha.id(), HttpMethod.GET, stagingPath, null).getBody().get("state").asText()).isEqualTo("staging");
    assertThat(Mails.find(alpha.email(), "(http\\S+" + stagingPath + ")")).endsWith(stagingPath);

    assertThat(call(beta.id(), HttpMethod.GET, stagingPath, null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(call(beta.id(), HttpMethod.GET, "/api/publishers/" + alpha.id() + "/offers", null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(call(beta.id(), HttpMethod.GET, "/api/releases/" + releaseId, null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.getForEntity(stagingPath, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(ids(call(beta.id(), HttpMethod.GET, "/engine-rest/task?maxResults=100", null).getBody()))
        .doesNotContain(verifyTask);
    assertThat(call(beta.id(), HttpMethod.GET, "/engine-rest/task/" + verifyTask, null).getStatusCode().is2xxSuccessful())
        .isFalse();
    assertThat(call(beta.id(), HttpMethod.POST, "/engine-rest/task/" + verifyTask + "/complete",
        variables(Map.of("stagingDecision", "withdraw"))).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call(beta.id(), HttpMethod.GET, "/engine-rest/process-instance/" + pi + "/variables", null)
        .getStatusCode().is2xxSuccessful()).isFalse();
    assertThat(liveOffersOf(alpha)).isEmpty();

    // STG-3 and REL-1: production requested, a time outside working hours refused, then one agreed
    assertThat(call(alpha.id(), HttpMethod.POST, "/engine-rest/task/" + verifyTask + "/complete",
        variables(Map.of("stagingDecision", "requestProduction", "preferredWindow", "3 March, morning")))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    String scheduleTask = awaitTask(SUPPORT_USER, pi, "scheduleRelease");
    ResponseEntity<JsonNode> saturday = call(SUPPORT_USER, HttpMethod.POST, "/engine-rest/task/" + scheduleTask
        + "/complete", variables(Map.of("releaseAt", "2026-03-07T10:00+08:00")));
    // a refusal is a form validation error: 400, the reason in the message, as Tasklist shows it
    assertThat(saturday.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(saturday.getBody().get("message").asText()).contains("[REL-1] releaseAt", "2026-03-07 10:00 +08:00");
    assertThat(awaitTask(SUPPORT_USER, pi, "scheduleRelease")).isEqualTo(scheduleTask);
    completeTask(SUPPORT_USER, pi, "scheduleRelease", Map.of("releaseAt", RELEASE_AT));

    Job releaseTime = await().atMost(Duration.ofSeconds(30)).until(() -> managementService.createJobQuery()
        .processInstanceId(pi).timers().duedateHigherThan(Date.from(MONDAY.plus(Duration.ofHours(12)))).singleResult(),
        job -> job != null);
    assertThat(releaseTime.getDuedate()).isEqualTo(Date.from(OffsetDateTime.parse(RELEASE_AT).toInstant()));
    assertThat(call(alpha.id(), HttpMethod.GET, "/api/releases/" + releaseId, null).getBody().get("state").asText())
        .isEqualTo("scheduled");
    assertThat(liveOffersOf(alpha)).isEmpty();

    // the release time comes: the job executor releases the offer to production
    ClockUtil.setCurrentTime(new Date(releaseTime.getDuedate().getTime() + 60_000));
    ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration()).getJobExecutor().jobWasAdded();
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(liveOffersOf(alpha)).hasSize(1));
    JsonNode live = liveOffersOf(alpha).get(0);
    assertThat(live.get("offerId").asText()).isEqualTo(CertifiedOffers.OFFER);
    assertThat(live.get("titleZh").asText()).isEqualTo("康托索数据库");
    assertThat(StreamSupport.stream(live.get("skus").spliterator(), false).map(s -> s.get("skuId").asText()))
        .containsExactly("standard-2026", "trial-2026");
    assertThat(live.get("skus").get(1).get("trialDays").asInt()).isEqualTo(14);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(Mails.subjects(alpha.email())).contains("产品 contoso-db 已上线"));
    assertThat(call(alpha.id(), HttpMethod.GET, "/api/publishers/" + alpha.id() + "/offers", null).getBody()
        .get(0).get("state").asText()).isEqualTo("live");
  }

  private List<JsonNode> liveOffersOf(TestPublisher isv) {
    ResponseEntity<JsonNode> offersNow = http.getForEntity("/api/offers", JsonNode.class);
    assertThat(offersNow.getStatusCode()).isEqualTo(HttpStatus.OK);
    return StreamSupport.stream(offersNow.getBody().spliterator(), false)
        .filter(offer -> offer.get("publisherId").asText().equals(isv.id())).toList();
  }

  private static Map<String, Object> content() {
    return Map.of("offerId", CertifiedOffers.OFFER, "titleZh", "康托索数据库", "titleEn", "Contoso DB",
        "summaryZh", "开箱即用的康托索数据库服务器。", "summaryEn", "The Contoso database server, ready to run.",
        "descriptionZh", "在 Ubuntu 22.04 上预装并调优的康托索数据库。",
        "descriptionEn", "Contoso DB preinstalled and tuned on Ubuntu 22.04.", "trialDays", 14);
  }

  private void completeTask(String user, String pi, String taskKey, Map<String, Object> values) {
    String task = awaitTask(user, pi, taskKey);
    assertThat(call(user, HttpMethod.POST, "/engine-rest/task/" + task + "/complete", variables(values))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  private String awaitTask(String user, String pi, String taskKey) {
    String path = "/engine-rest/task?maxResults=100&processInstanceId=" + pi + "&taskDefinitionKey=" + taskKey;
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(call(user, HttpMethod.GET, path, null)
        .getBody()).as("%s's %s tasks", user, taskKey).hasSize(1));
    return call(user, HttpMethod.GET, path, null).getBody().get(0).get("id").asText();
  }

  private static Map<String, Object> variables(Map<String, Object> values) {
    Map<String, Object> variables = new java.util.HashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    return Map.of("variables", variables);
  }

  private static List<String> ids(JsonNode tasks) {
    return StreamSupport.stream(tasks.spliterator(), false).map(t -> t.get("id").asText()).toList();
  }

  private ResponseEntity<JsonNode> call(String user, HttpMethod method, String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, TestPublishers.PASSWORD);
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
  }
}
