package cn.marketplace.onboarding.release;

import cn.marketplace.onboarding.release.Catalogue;
import cn.marketplace.onboarding.process.OfferReleaseProcess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import cn.marketplace.onboarding.account.AccountService;
import cn.marketplace.onboarding.application.ApplicationService;
import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.catalog.ImageVersion;
import cn.marketplace.onboarding.catalog.ImageVersionRepository;
import cn.marketplace.onboarding.catalog.SkuRepository;
import cn.marketplace.onboarding.submission.Submission;
import cn.marketplace.onboarding.submission.SubmissionRepository;
import cn.marketplace.onboarding.submission.SubmissionService;
import cn.marketplace.onboarding.submission.SubmissionSteps;
import cn.marketplace.onboarding.submission.TestPublishers;
import cn.marketplace.onboarding.submission.TestPublishers.TestPublisher;
import cn.marketplace.onboarding.testsupport.MailServer;
import cn.marketplace.onboarding.testsupport.Mails;
import cn.marketplace.onboarding.testsupport.OnboardingSpringTest;
import cn.marketplace.onboarding.testsupport.StaffUsers;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every path of {@code offerRelease}, started as Tasklist's start form does (by a signed-in publisher
 * user, the content as variables). The engine's clock starts on Monday 2 February 2026, 10:00 in
 * Beijing, a week before the configured Spring Festival freeze; timers fire by moving it.
 */
@OnboardingSpringTest
class OfferReleaseProcessTest {

  private static final Instant MONDAY = OffsetDateTime.parse("2026-02-02T10:00+08:00").toInstant();
  private static final String RELEASE_AT = "2026-03-03T10:00+08:00";
  private static final String SUPPORT_USER = "support-release";
  private static final String SUPPORT_EMAIL = StaffUsers.emailOf(SUPPORT_USER);

  @Autowired ProcessEngine processEngine;
  @Autowired ReleaseStarts starts;
  @Autowired ReleasedSkus releasedSkus;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired RepositoryService repositoryService;
  @Autowired ApplicationService applications;
  @Autowired AccountService accounts;
  @Autowired SubmissionService submissions;
  @Autowired SubmissionSteps steps;
  @Autowired SubmissionRepository submissionRows;
  @Autowired ReleaseService releases;
  @Autowired Catalogue catalogue;
  @Autowired OfferReleaseRepository releaseRepository;
  @Autowired ImageVersionRepository versions;
  @Autowired SkuRepository skus;
  @Autowired JdbcTemplate jdbc;

  private TestPublishers publishers;
  private CertifiedOffers offers;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    MailServer.purge();
    ClockUtil.setCurrentTime(Date.from(MONDAY));
    publishers = new TestPublishers(applications, accounts, identityService);
    offers = new CertifiedOffers(submissions, steps, runtimeService, repositoryService, jdbc);
    StaffUsers.ensure(identityService, SUPPORT_USER, Groups.SUPPORT, TestPublishers.PASSWORD);
  }

  @AfterEach
  void tearDown() {
    identityService.clearAuthentication();
    ClockUtil.reset();
  }

  @Test
  void anApprovedReleaseGoesLiveWhenTheClockReachesItsTime() {
    TestPublisher isv = publishers.active();
    offers.twoSkus(isv);
    ProcessInstance pi = startAs(isv, content());

    BpmnAwareTests.assertThat(pi).isWaitingAt("reviewSubmission").variables()
        .containsKeys("releaseId", "publisherId", "offerId", "contactEmail")
        .doesNotContainKeys(ReleaseForm.CONTENT_FIELDS.toArray(String[]::new));
    String releaseId = (String) runtimeService.getVariable(pi.getId(), "releaseId");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(releaseId).count()).isEqualTo(1);
    assertThat(taskService.getIdentityLinksForTask(task(pi).getId()))
        .anyMatch(link -> Groups.SUPPORT.equals(link.getGroupId()));
    // STG-1: the reviewer sees the offer, both SKUs with their versions and certification reports, and the content
    Map<String, Object> shown = shownOn(task(pi).getId());
    assertThat((String) shown.get("skuOverview")).contains("standard-2026 1.0.0 · byol", "report-standard-2026",
        "trial-2026 1.0.0 · freeTrial (30 days)", "report-trial-2026");
    assertThat(shown).containsEntry("titleZh", "康托索数据库").containsEntry("offerName", "Contoso DB");
    // until the offer is live, the marketplace may still need the VHDs its SAS URIs open
    assertThat(submissionsOf(releaseId)).isNotEmpty().allMatch(Submission::holdsSasUris);

    // three business days later the review is overdue: the support team is told, the task stays
    Job overdue = timer(pi, "reviewOverdue");
    assertThat(overdue.getDuedate()).isEqualTo(Date.from(OffsetDateTime.parse("2026-02-05T10:00+08:00").toInstant()));
    assertThat(task(pi).getDueDate()).isEqualTo(overdue.getDuedate());
    ClockUtil.setCurrentTime(new Date(overdue.getDuedate().getTime() + 60_000));
    managementService.executeJob(overdue.getId());
    runAsyncSteps(pi);
    assertThat(Mails.subjects(SUPPORT_EMAIL)).anyMatch(s -> s.contains("逾期") && s.contains(CertifiedOffers.OFFER));
    BpmnAwareTests.assertThat(pi).isWaitingAt("reviewSubmission");

    as(SUPPORT_USER, Groups.SUPPORT, () -> complete(task(pi), withVariables("reviewDecision", "approve")));
    BpmnAwareTests.assertThat(pi).isWaitingAt("publishToStaging");
    runAsyncSteps(pi);

    // STG-2: in pre-release, for the publisher only, its address mailed; the SKU summaries are locked (SKU-4)
    BpmnAwareTests.assertThat(pi).isWaitingAt("verifyStaging");
    String stagingUrl = (String) runtimeService.getVariable(pi.getId(), "stagingUrl");
    assertThat(stagingUrl).endsWith("/api/publishers/" + isv.id() + "/offers/" + CertifiedOffers.OFFER);
    assertThat(Mails.find(isv.email(), "(http\\S+/offers/" + CertifiedOffers.OFFER + ")")).isEqualTo(stagingUrl);
    assertThat(catalogue.offerOf(isv.id(), CertifiedOffers.OFFER, List.of(isv.group())).state()).isEqualTo("staging");
    assertThat(catalogue.live()).noneMatch(o -> o.publisherId().equals(isv.id()));
    assertThat(skus.findAll()).filteredOn(s -> s.getPublisherId().equals(isv.id())).hasSize(2)
        .allMatch(s -> s.isSummaryLocked());
    assertThat(taskService.getIdentityLinksForTask(task(pi).getId()))
        .anyMatch(link -> isv.group().equals(link.getGroupId()));

    complete(task(pi), withVariables("stagingDecision", "requestProduction", "preferredWindow", "3 March, morning"));
    BpmnAwareTests.assertThat(pi).isWaitingAt("scheduleRelease");
    assertThat(shownOn(task(pi).getId())).containsEntry("requestedWindow", "3 March, morning");
    as(SUPPORT_USER, Groups.SUPPORT, () -> complete(task(pi), withVariables("releaseAt", RELEASE_AT)));
    runAsyncSteps(pi);

    // REL-1: the publisher is told the time; the timer waits for it, and nothing is live before it
    BpmnAwareTests.assertThat(pi).isWaitingAt("gwReleaseOrChange").variables()
        .containsEntry("releaseAt", RELEASE_AT).containsEntry("releaseAtText", "2026-03-03 10:00 +08:00");
    assertThat(Mails.subjects(isv.email())).contains("产品 contoso-db 将于 2026-03-03 10:00 +08:00 发布");
    Job releaseTime = timer(pi, "timerReleaseAt");
    assertThat(releaseTime.getDuedate()).isEqualTo(Date.from(OffsetDateTime.parse(RELEASE_AT).toInstant()));
    assertThat(catalogue.offerOf(isv.id(), CertifiedOffers.OFFER, List.of(isv.group())).state()).isEqualTo("scheduled");
    assertThat(catalogue.live()).noneMatch(o -> o.publisherId().equals(isv.id()));

    ClockUtil.setCurrentTime(new Date(releaseTime.getDuedate().getTime() + 60_000));
    managementService.executeJob(releaseTime.getId());
    runAsyncSteps(pi);

    BpmnAwareTests.assertThat(pi).isEnded().hasPassed("releaseToProduction", "offerReleased").variables()
        .containsEntry("releaseStatus", "released");
    assertThat(catalogue.live()).filteredOn(o -> o.publisherId().equals(isv.id())).singleElement().satisfies(live -> {
      assertThat(live.offerId()).isEqualTo(CertifiedOffers.OFFER);
      assertThat(live.titleEn()).isEqualTo("Contoso DB");
      assertThat(live.releasedAt()).isEqualTo(Instant.parse("2026-03-03T02:01:00Z"));
      assertThat(live.skus()).extracting(Catalogue.SkuListing::skuId, Catalogue.SkuListing::pricingModel,
              Catalogue.SkuListing::trialDays)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("standard-2026", "byol", null),
              org.assertj.core.groups.Tuple.tuple("trial-2026", "freeTrial", 30));
    });
    // who released what when; the versions are RELEASED, which fixes their pricing (PRICE-5)
    OfferRelease release = releaseRepository.findById(releaseId).orElseThrow();
    assertThat(release.getState()).isEqualTo(ReleaseState.LIVE);
    assertThat(release.getReviewedBy()).isEqualTo(SUPPORT_USER);
    assertThat(release.getReleasedBy()).isEqualTo(SUPPORT_USER);
    assertThat(releasedSkus.of(release)).hasSize(2).allSatisfy(sku -> assertThat(versions.findById(sku.getImageVersionRef()))
        .get().extracting(ImageVersion::getStatus).isEqualTo(ImageVersion.Status.RELEASED));
    // the marketplace has its copy of the images: the SAS URIs that open the ISV's disks are gone
    assertThat(submissionsOf(releaseId)).hasSize(2).noneMatch(Submission::holdsSasUris);
    assertThat(Mails.subjects(isv.email())).contains("产品 contoso-db 已上线");
    assertThat(Mails.subjects(SUPPORT_EMAIL)).anyMatch(s -> s.startsWith("已发布："));

    // PRICE-5's way out: only its publisher retires the live offer, which then is never released again
    assertThatThrownBy(() -> catalogue.retire(isv.id(), CertifiedOffers.OFFER, List.of(Groups.SUPPORT)))
        .isInstanceOf(ReleaseRefusedException.class).hasMessageContaining("[PRICE-5]");
    assertThat(catalogue.retire(isv.id(), CertifiedOffers.OFFER, List.of(isv.group())).state()).isEqualTo("retired");
    assertThat(catalogue.live()).noneMatch(o -> o.publisherId().equals(isv.id()));
    assertThatThrownBy(() -> startAs(isv, content())).isInstanceOf(ReleaseRefusedException.class)
        .hasMessageContaining("[PRICE-5] offerId");
  }

  @Test
  void aRejectedReleaseIsFixedAndResubmittedOrAbandoned() {
    TestPublisher isv = publishers.active();
    offers.twoSkus(isv);
    ProcessInstance pi = startAs(isv, content());

    // a rejection says why, or it is refused
    assertThatThrownBy(() -> complete(task(pi), withVariables("reviewDecision", "reject")))
        .isInstanceOf(ReleaseRefusedException.class).hasMessageContaining("[STG-1] reviewComment");
    BpmnAwareTests.assertThat(pi).isWaitingAt("reviewSubmission");
    complete(task(pi), withVariables("reviewDecision", "reject", "reviewComment", "英文标题请用产品的正式名称"));
    runAsyncSteps(pi);

    BpmnAwareTests.assertThat(pi).isWaitingAt("fixRelease");
    assertThat(Mails.find(isv.email(), "(英文标题请用产品的正式名称)")).isNotBlank();
    assertThat(taskService.getIdentityLinksForTask(task(pi).getId()))
        .anyMatch(link -> isv.group().equals(link.getGroupId()));
    assertThat(shownOn(task(pi).getId())).containsEntry("lastReviewComment", "英文标题请用产品的正式名称")
        .containsEntry("titleEn", "Contoso DB");
    String releaseId = (String) runtimeService.getVariable(pi.getId(), "releaseId");
    assertThat(releaseRepository.findById(releaseId).orElseThrow().getState()).isEqualTo(ReleaseState.CHANGES_REQUESTED);

    // a fix is checked like the start (NEXT-1)
    assertThatThrownBy(() -> complete(task(pi), withVariables("fixDecision", "resubmit", "titleEn", "<b>Contoso</b>")))
        .isInstanceOf(ReleaseRefusedException.class).hasMessageContaining("[NEXT-1] titleEn");
    complete(task(pi), withVariables("fixDecision", "resubmit", "titleEn", "Contoso Database Server"));
    BpmnAwareTests.assertThat(pi).isWaitingAt("reviewSubmission").variables().doesNotContainKey("titleEn");
    assertThat(releaseRepository.findById(releaseId).orElseThrow().getTitleEn()).isEqualTo("Contoso Database Server");

    complete(task(pi), withVariables("reviewDecision", "reject", "reviewComment", "仍需修改"));
    runAsyncSteps(pi);
    complete(task(pi), withVariables("fixDecision", "abandon"));
    BpmnAwareTests.assertThat(pi).isEnded().hasPassed("releaseRejected").variables()
        .containsEntry("releaseStatus", "rejected");
    assertThat(catalogue.offerOf(isv.id(), CertifiedOffers.OFFER, List.of(isv.group())).state()).isEqualTo("rejected");

    // the offer is free for another release
    ProcessInstance again = startAs(isv, content());
    BpmnAwareTests.assertThat(again).isWaitingAt("reviewSubmission");
  }

  @Test
  void thePublisherWithdrawsInStaging() {
    TestPublisher isv = publishers.active();
    offers.twoSkus(isv);
    ProcessInstance pi = toStaging(isv);

    assertThatThrownBy(() -> complete(task(pi), withVariables("stagingDecision", "requestProduction")))
        .isInstanceOf(ReleaseRefusedException.class).hasMessageContaining("[STG-3] preferredWindow");
    complete(task(pi), withVariables("stagingDecision", "withdraw"));
    runAsyncSteps(pi);

    BpmnAwareTests.assertThat(pi).isEnded().hasPassed("mailWithdrawal", "releaseWithdrawn").variables()
        .containsEntry("releaseStatus", "withdrawn");
    assertThat(catalogue.offerOf(isv.id(), CertifiedOffers.OFFER, List.of(isv.group())).state()).isEqualTo("withdrawn");
    assertThat(Mails.subjects(SUPPORT_EMAIL)).anyMatch(s -> s.startsWith("已撤回："));
  }

  @Test
  void anotherTimeMovesTheTimerAndAWithdrawalBeforeTheTimeCancelsIt() {
    TestPublisher isv = publishers.active();
    offers.twoSkus(isv);
    ProcessInstance pi = toScheduled(isv, RELEASE_AT);
    String releaseId = (String) runtimeService.getVariable(pi.getId(), "releaseId");

    releases.askForAnotherTime(releaseId, List.of(isv.group()), "the week after, any afternoon");
    BpmnAwareTests.assertThat(pi).isWaitingAt("scheduleRelease");
    assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).timers().list())
        .noneMatch(job -> "timerReleaseAt".equals(activityOf(job)));
    assertThat(shownOn(task(pi).getId()))
        .containsEntry("requestedWindow", "the week after, any afternoon")
        .containsEntry("releaseAtText", "2026-03-03 10:00 +08:00");
    complete(task(pi), withVariables("releaseAt", "2026-03-10T14:30"));
    runAsyncSteps(pi);
    assertThat(timer(pi, "timerReleaseAt").getDuedate())
        .isEqualTo(Date.from(OffsetDateTime.parse("2026-03-10T14:30+08:00").toInstant()));

    // only the publisher (and the support team) may move or withdraw it
    TestPublisher other = publishers.active();
    assertThatThrownBy(() -> releases.withdraw(releaseId, List.of(other.group())))
        .isInstanceOf(ReleaseNotFoundException.class);
    releases.withdraw(releaseId, List.of(isv.group()));
    runAsyncSteps(pi);
    BpmnAwareTests.assertThat(pi).isEnded().hasPassed("releaseWithdrawnMessage", "releaseWithdrawn").variables()
        .containsEntry("releaseStatus", "withdrawn");
    assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).count()).isZero();
    assertThat(catalogue.live()).noneMatch(o -> o.publisherId().equals(isv.id()));
  }

  @Test
  void aReleaseWaitingToBeScheduledCanBeWithdrawn() {
    TestPublisher isv = publishers.active();
    offers.twoSkus(isv);
    ProcessInstance pi = toStaging(isv);
    String releaseId = (String) runtimeService.getVariable(pi.getId(), "releaseId");
    assertThatThrownBy(() -> releases.withdraw(releaseId, List.of(isv.group())))
        .isInstanceOf(ReleaseRefusedException.class).hasMessageContaining("[REL-1]");
    complete(task(pi), withVariables("stagingDecision", "requestProduction", "preferredWindow", "any morning"));
    BpmnAwareTests.assertThat(pi).isWaitingAt("scheduleRelease");

    releases.withdraw(releaseId, List.of(isv.group()));
    runAsyncSteps(pi);
    BpmnAwareTests.assertThat(pi).isEnded().hasPassed("withdrawnBeforeTime", "releaseWithdrawn").variables()
        .containsEntry("releaseStatus", "withdrawn");
  }

  @Test
  void withoutAnAnswerInStagingThePublisherIsRemindedThenTheReleaseLapses() {
    TestPublisher isv = publishers.active();
    offers.twoSkus(isv);
    ProcessInstance pi = toStaging(isv);

    Job reminder = timer(pi, "stagingReminderDue");
    assertThat(reminder.getDuedate()).isEqualTo(Date.from(MONDAY.plus(java.time.Duration.ofDays(23))));
    ClockUtil.setCurrentTime(reminder.getDuedate());
    managementService.executeJob(reminder.getId());
    runAsyncSteps(pi);
    BpmnAwareTests.assertThat(pi).isWaitingAt("verifyStaging");
    assertThat(Mails.subjects(isv.email())).contains("提醒：产品 contoso-db 仍在预发布中");

    Job deadline = timer(pi, "stagingDeadline");
    assertThat(deadline.getDuedate()).isEqualTo(Date.from(MONDAY.plus(java.time.Duration.ofDays(30))));
    ClockUtil.setCurrentTime(deadline.getDuedate());
    managementService.executeJob(deadline.getId());
    runAsyncSteps(pi);

    BpmnAwareTests.assertThat(pi).isEnded().hasPassed("mailLapsed", "releaseLapsed").variables()
        .containsEntry("releaseStatus", "withdrawn");
    String releaseId = (String) processEngine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(pi.getId()).variableName("releaseId").singleResult().getValue();
    assertThat(releaseRepository.findById(releaseId).orElseThrow().getState()).isEqualTo(ReleaseState.LAPSED);
    assertThat(Mails.subjects(isv.email())).contains("产品 contoso-db 的发布已失效");
  }

  @Test
  void aReleaseTimeInAFreezeOutsideWorkingHoursOrInThePastIsRefused() {
    TestPublisher isv = publishers.active();
    offers.twoSkus(isv);
    ProcessInstance pi = toStaging(isv);
    complete(task(pi), withVariables("stagingDecision", "requestProduction", "preferredWindow", "before the holiday"));

    // Thursday 12 February is a working day, inside the Spring Festival freeze
    assertThatThrownBy(() -> complete(task(pi), withVariables("releaseAt", "2026-02-12T10:00+08:00")))
        .isInstanceOf(ReleaseRefusedException.class).hasMessageContaining("[REL-1] releaseAt")
        .hasMessageContaining("Spring Festival 2026");
    // Saturday 7 March, and Tuesday 3 March at 20:00
    assertThatThrownBy(() -> complete(task(pi), withVariables("releaseAt", "2026-03-07T10:00+08:00")))
        .isInstanceOf(ReleaseRefusedException.class).hasMessageContaining("[REL-1]").hasMessageContaining("工作时间");
    assertThatThrownBy(() -> complete(task(pi), withVariables("releaseAt", "2026-03-03T20:00+08:00")))
        .isInstanceOf(ReleaseRefusedException.class).hasMessageContaining("工作时间");
    assertThatThrownBy(() -> complete(task(pi), withVariables("releaseAt", "2026-01-30T10:00+08:00")))
        .isInstanceOf(ReleaseRefusedException.class).hasMessageContaining("不在将来");
    assertThatThrownBy(() -> complete(task(pi), withVariables("releaseAt", "next Tuesday")))
        .isInstanceOf(ReleaseRefusedException.class).hasMessageContaining("ISO-8601");

    BpmnAwareTests.assertThat(pi).isWaitingAt("scheduleRelease");
    assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).timers().list())
        .noneMatch(job -> "timerReleaseAt".equals(activityOf(job)));
    complete(task(pi), withVariables("releaseAt", "2026-02-28T10:00+08:00"));
    BpmnAwareTests.assertThat(pi).isWaitingAt("mailReleaseTime").variables()
        .containsEntry("releaseAt", "2026-02-28T10:00+08:00");
  }

  @Test
  void aStartIsRefusedUnlessThePublisherIsActiveAndEverySkuCertifiedAndNoReleaseIsOpen() {
    TestPublisher inactive = publishers.issued();
    assertThatThrownBy(() -> starts.start(inactive.id(), List.of(Groups.PUBLISHERS, inactive.group()),
        ReleaseForm.fromVariables(content())))
        .isInstanceOf(ReleaseRefusedException.class).hasMessageContaining("[ACT-1]").hasMessageContaining(inactive.id())
        .extracting(e -> ((ReleaseRefusedException) e).reason()).isEqualTo(ReleaseRefusedException.Reason.NOT_ACTIVE);

    TestPublisher isv = publishers.active();
    offers.certified(isv, "standard-2026", "byol");
    offers.accepted(isv, "premium-2026", "byol");
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey(OfferReleaseProcess.KEY).count();
    // OFFER-1: the offer moves with all of its SKUs; and the content is checked at the same time (NEXT-1, PRICE-3)
    Map<String, Object> incomplete = content();
    incomplete.remove("descriptionEn");
    assertThatThrownBy(() -> startAs(isv, incomplete)).isInstanceOf(ReleaseRefusedException.class)
        .hasMessageContaining("[OFFER-1] premium-2026").hasMessageContaining("[NEXT-1] descriptionEn")
        .hasMessageContaining("[PRICE-3] trialDays")
        .extracting(e -> ((ReleaseRefusedException) e).reason()).isEqualTo(ReleaseRefusedException.Reason.CONFLICT);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(OfferReleaseProcess.KEY).count())
        .isEqualTo(before);
    assertThat(catalogue.offerOf(isv.id(), CertifiedOffers.OFFER, List.of(isv.group())).state()).isEqualTo("draft");

    // one release of an offer at a time
    jdbc.update("update image_version set status = 'CERTIFIED' where sku_ref in (select id from sku where publisher_id = ?)",
        isv.id());
    Map<String, Object> byolOnly = content();
    byolOnly.remove("trialDays");
    assertThat(catalogue.offerOf(isv.id(), CertifiedOffers.OFFER, List.of(isv.group())).state()).isEqualTo("certified");
    ReleaseStarts.StartedRelease first = starts.start(isv.id(), List.of(isv.group()), ReleaseForm.fromVariables(byolOnly));
    assertThat(first.state()).isEqualTo("IN_REVIEW");
    assertThatThrownBy(() -> startAs(isv, byolOnly)).isInstanceOf(ReleaseRefusedException.class)
        .hasMessageContaining("[OFFER-1] offerId").hasMessageContaining("inReview");
  }

  // ---- walking the diagram -----------------------------------------------------------------

  /** Marketing content for offer contoso-db, as the start form sends it. */
  private static Map<String, Object> content() {
    Map<String, Object> variables = ReleaseFixtures.byolContent();
    variables.put("trialDays", 30L);
    return variables;
  }

  /** The submissions whose image versions the release publishes. */
  private List<Submission> submissionsOf(String releaseId) {
    return releasedSkus.of(releaseRepository.findById(releaseId).orElseThrow()).stream()
        .map(sku -> submissionRows.findById(versions.findById(sku.getImageVersionRef()).orElseThrow().getSubmissionId())
            .orElseThrow())
        .toList();
  }

  private ProcessInstance startAs(TestPublisher isv, Map<String, Object> variables) {
    identityService.setAuthentication(isv.id(), List.of(Groups.PUBLISHERS, isv.group()));
    try {
      return runtimeService.startProcessInstanceByKey(OfferReleaseProcess.KEY, variables);
    } finally {
      identityService.clearAuthentication();
    }
  }

  private ProcessInstance toStaging(TestPublisher isv) {
    ProcessInstance pi = startAs(isv, content());
    complete(task(pi), withVariables("reviewDecision", "approve"));
    runAsyncSteps(pi);
    BpmnAwareTests.assertThat(pi).isWaitingAt("verifyStaging");
    return pi;
  }

  private ProcessInstance toScheduled(TestPublisher isv, String releaseAt) {
    ProcessInstance pi = toStaging(isv);
    complete(task(pi), withVariables("stagingDecision", "requestProduction", "preferredWindow", "early March"));
    complete(task(pi), withVariables("releaseAt", releaseAt));
    runAsyncSteps(pi);
    BpmnAwareTests.assertThat(pi).isWaitingAt("gwReleaseOrChange");
    return pi;
  }

  /** Runs the instance's asynchronous steps (not its timers) until it waits for a person, a message or a timer. */
  private void runAsyncSteps(ProcessInstance pi) {
    List<Job> jobs;
    while (!(jobs = managementService.createJobQuery().processInstanceId(pi.getId()).messages().list()).isEmpty()) {
      jobs.forEach(job -> managementService.executeJob(job.getId()));
    }
  }

  private Job timer(ProcessInstance pi, String activityId) {
    return managementService.createJobQuery().processInstanceId(pi.getId()).timers().list().stream()
        .filter(job -> activityId.equals(activityOf(job))).findFirst()
        .orElseThrow(() -> new AssertionError("no timer at " + activityId));
  }

  private String activityOf(Job job) {
    return managementService.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult()
        .getActivityId();
  }

  private void as(String userId, String group, Runnable step) {
    identityService.setAuthentication(userId, List.of(group));
    try {
      step.run();
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** What the task's form shows, as Tasklist opens it ({@code form-variables}). */
  private Map<String, Object> shownOn(String taskId) {
    return processEngine.getFormService().getTaskFormVariables(taskId);
  }
}
