package cn.marketplace.onboarding.release;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.account.AccountService;
import cn.marketplace.onboarding.application.ApplicationService;
import cn.marketplace.onboarding.catalog.OfferRepository;
import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.submission.SubmissionService;
import cn.marketplace.onboarding.submission.SubmissionSteps;
import cn.marketplace.onboarding.submission.TestPublishers;
import cn.marketplace.onboarding.submission.TestPublishers.TestPublisher;
import cn.marketplace.onboarding.testsupport.MailServer;
import cn.marketplace.onboarding.testsupport.OnboardingHttpTest;
import cn.marketplace.onboarding.testsupport.StaffUsers;
import cn.marketplace.onboarding.testsupport.TasklistClient;
import cn.marketplace.onboarding.testsupport.TasklistClient.Endpoint;
import cn.marketplace.onboarding.testsupport.TasklistClient.TaskForm;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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
 * Every task of {@code offerRelease} completed as Tasklist completes it, over HTTP: the review, the
 * publisher's fix of its content, the staging check and the scheduling. Every field each form lets
 * its user change is changed, and the release's record and {@code /api/releases} hold every change.
 */
@OnboardingHttpTest
class ReleaseFormsOverHttpTest {

  private static final Instant MONDAY = OffsetDateTime.parse("2026-03-02T10:00+08:00").toInstant();
  private static final String RELEASE_AT = "2026-03-03T14:00+08:00";
  private static final String SUPPORT_USER = "support-release-forms";

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;
  @Autowired RuntimeService runtimeService;
  @Autowired RepositoryService repositoryService;
  @Autowired HistoryService historyService;
  @Autowired ApplicationService applications;
  @Autowired AccountService accounts;
  @Autowired SubmissionService submissions;
  @Autowired SubmissionSteps steps;
  @Autowired OfferReleaseRepository releases;
  @Autowired OfferRepository offerRepository;
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

  @ParameterizedTest
  @EnumSource(Endpoint.class)
  void everyReleaseFormsChangesReachTheReleaseRecord(Endpoint endpoint) {
    TestPublisher isv = publishers.active();
    offers.twoSkus(isv);
    ResponseEntity<JsonNode> started = api(isv.id(), HttpMethod.POST, "/api/releases", content());
    assertThat(started.getStatusCode()).as("%s", started.getBody()).isEqualTo(HttpStatus.CREATED);
    String releaseId = started.getBody().get("id").asText();
    String pi = started.getBody().get("processInstanceId").asText();
    TasklistClient support = TasklistClient.engineRest(http, SUPPORT_USER, TestPublishers.PASSWORD);
    TasklistClient publisher = TasklistClient.engineRest(http, isv.id(), TestPublishers.PASSWORD);

    // reviewSubmission: changes requested, with the reason
    TaskForm review = support.open(support.awaitTask(pi, "reviewSubmission"));
    assertThat(review.value("titleEn")).isEqualTo("Contoso DB");
    assertThat(runtimeService.createVariableInstanceQuery().taskIdIn(review.taskId()).count())
        .as("the shown fields stored as the task's variables").isZero();
    Map<String, Object> rejection = Map.of("reviewDecision", "reject", "reviewComment", "Say what Contoso DB does");
    assertThat(rejection.keySet()).containsExactlyInAnyOrderElementsOf(review.editableFields());
    sent(support.send(endpoint, review, rejection));

    // fixRelease: every content field fixed, and resubmitted
    TaskForm fix = publisher.open(publisher.awaitTask(pi, "fixRelease"));
    assertThat(fix.value("titleZh")).isEqualTo("康托索数据库");
    Map<String, Object> fixed = new LinkedHashMap<>();
    fixed.put("titleZh", "康托索数据库 企业版");
    fixed.put("titleEn", "Contoso DB Enterprise");
    fixed.put("summaryZh", "为企业调优的康托索数据库服务器。");
    fixed.put("summaryEn", "The Contoso database server, tuned for enterprises.");
    fixed.put("descriptionZh", "在 Ubuntu 22.04 上预装、调优并加固的康托索数据库。");
    fixed.put("descriptionEn", "Contoso DB preinstalled, tuned and hardened on Ubuntu 22.04.");
    fixed.put("trialDays", 21);
    fixed.put("fixDecision", "resubmit");
    assertThat(fixed.keySet()).containsExactlyInAnyOrderElementsOf(fix.editableFields());
    sent(publisher.send(endpoint, fix, fixed));

    OfferRelease record = releases.findById(releaseId).orElseThrow();
    assertThat(record.getReviewComment()).isEqualTo("Say what Contoso DB does");
    assertThat(record.content(offerRepository.findById(record.getOfferRef()).orElseThrow()).contentVariables()).containsAllEntriesOf(Map.of(
        "titleZh", fixed.get("titleZh"), "titleEn", fixed.get("titleEn"), "summaryZh", fixed.get("summaryZh"),
        "summaryEn", fixed.get("summaryEn"), "descriptionZh", fixed.get("descriptionZh"),
        "descriptionEn", fixed.get("descriptionEn"), "trialDays", 21));
    JsonNode shown = api(isv.id(), HttpMethod.GET, "/api/releases/" + releaseId, null).getBody();
    assertThat(shown.at("/release/titleZh").asText()).isEqualTo(fixed.get("titleZh"));
    assertThat(shown.at("/release/titleEn").asText()).isEqualTo(fixed.get("titleEn"));
    assertThat(shown.at("/release/skus")).anySatisfy(sku -> assertThat(sku.path("trialDays").asInt()).isEqualTo(21));

    // the second review approves, with a note
    TaskForm secondReview = support.open(support.awaitTask(pi, "reviewSubmission"));
    assertThat(secondReview.value("titleEn")).isEqualTo("Contoso DB Enterprise");
    sent(support.send(endpoint, secondReview, Map.of("reviewDecision", "approve", "reviewComment", "Clear now")));

    // verifyStaging: production requested for a window
    TaskForm verify = publisher.open(publisher.awaitTask(pi, "verifyStaging"));
    Map<String, Object> request = Map.of("stagingDecision", "requestProduction", "preferredWindow", "3 March, afternoon");
    assertThat(request.keySet()).containsExactlyInAnyOrderElementsOf(verify.editableFields());
    sent(publisher.send(endpoint, verify, request));

    // scheduleRelease: the time agreed
    TaskForm schedule = support.open(support.awaitTask(pi, "scheduleRelease"));
    assertThat(schedule.value("requestedWindow")).isEqualTo("3 March, afternoon");
    Map<String, Object> time = Map.of("releaseAt", RELEASE_AT);
    assertThat(time.keySet()).containsExactlyInAnyOrderElementsOf(schedule.editableFields());
    sent(support.send(endpoint, schedule, time));

    record = releases.findById(releaseId).orElseThrow();
    assertThat(record.getReviewComment()).isEqualTo("Clear now");
    assertThat(record.getReviewedBy()).isEqualTo(SUPPORT_USER);
    assertThat(record.getPreferredWindow()).isEqualTo("3 March, afternoon");
    assertThat(record.getReleaseAt()).isEqualTo(OffsetDateTime.parse(RELEASE_AT).toInstant());
    assertThat(record.getScheduledBy()).isEqualTo(SUPPORT_USER);
    shown = api(isv.id(), HttpMethod.GET, "/api/releases/" + releaseId, null).getBody();
    assertThat(shown.get("state").asText()).isEqualTo("scheduled");
    assertThat(shown.at("/release/preferredWindow").asText()).isEqualTo("3 March, afternoon");
    assertThat(Instant.parse(shown.at("/release/releaseAt").asText()))
        .isEqualTo(OffsetDateTime.parse(RELEASE_AT).toInstant());
    assertThat(instanceVariable(pi, "stagingDecision")).isEqualTo("requestProduction");

    // history keeps what people gave, not the copies each task showed
    assertThat(historyService.createHistoricDetailQuery().processInstanceId(pi).variableUpdates().list())
        .as("the fix's titleEn as given").anySatisfy(update -> {
          assertThat(update.getTaskId()).isNull();
          assertThat(((HistoricVariableUpdate) update).getVariableName()).isEqualTo("titleEn");
          assertThat(((HistoricVariableUpdate) update).getValue()).isEqualTo(fixed.get("titleEn"));
        })
        .as("a task's shown copy").allSatisfy(update -> assertThat(update.getTaskId()).isNull());
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(pi).list())
        .as("a task's shown copy").isNotEmpty().allSatisfy(variable -> assertThat(variable.getTaskId()).isNull());
    // titleEn: given by the fix, moved into the record and removed (the removal writes no detail)
    assertThat(historyService.createHistoricDetailQuery().processInstanceId(pi).variableUpdates().orderByTime().asc()
        .list()).map(HistoricVariableUpdate.class::cast).filteredOn(update -> "titleEn".equals(update.getVariableName()))
        .extracting(HistoricVariableUpdate::getValue).containsExactly(fixed.get("titleEn"));
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(pi).variableName("titleEn")
        .includeDeleted().list()).extracting(variable -> variable.getState()).containsExactly("DELETED");
  }

  private static void sent(ResponseEntity<JsonNode> answer) {
    assertThat(answer.getStatusCode().is2xxSuccessful()).as("%s", answer.getBody()).isTrue();
  }

  /** The value the process instance holds (not a task's local copy), as history keeps it. */
  private Object instanceVariable(String pi, String name) {
    return historyService.createHistoricVariableInstanceQuery().processInstanceId(pi).variableName(name).list().stream()
        .filter(v -> v.getTaskId() == null).map(v -> v.getValue()).findFirst().orElse(null);
  }

  private static Map<String, Object> content() {
    return Map.of("offerId", CertifiedOffers.OFFER, "titleZh", "康托索数据库", "titleEn", "Contoso DB",
        "summaryZh", "开箱即用的康托索数据库服务器。", "summaryEn", "The Contoso database server, ready to run.",
        "descriptionZh", "在 Ubuntu 22.04 上预装并调优的康托索数据库。",
        "descriptionEn", "Contoso DB preinstalled and tuned on Ubuntu 22.04.", "trialDays", 14);
  }

  private ResponseEntity<JsonNode> api(String user, HttpMethod method, String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, TestPublishers.PASSWORD);
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
  }
}
