package cn.marketplace.onboarding.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.community.mockito.CamundaMockito.registerJavaDelegateMock;
import static org.camunda.community.mockito.CamundaMockito.registerMockInstance;
import static org.camunda.community.mockito.CamundaMockito.verifyJavaDelegateMock;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import cn.marketplace.onboarding.process.OfferReleaseProcess;
import cn.marketplace.onboarding.testsupport.paths.BusinessDays;
import cn.marketplace.onboarding.testsupport.paths.FastPathTest;
import cn.marketplace.onboarding.testsupport.paths.PathCoverage;
import cn.marketplace.onboarding.testsupport.paths.SentMails;
import cn.marketplace.onboarding.testsupport.paths.Steps;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.community.mockito.CamundaMockito;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of {@code offerRelease} alone: the diagram and its forms on the in-memory engine, every
 * bean it names replaced by a test double that sets what the real step sets ({@code stagingUrl},
 * {@code releaseTime}). {@link OfferReleaseProcessTest} walks the same paths with the whole product.
 */
@FastPathTest
@Deployment(resources = {"processes/offer-release.bpmn", "forms/release.form", "forms/review-release.form",
    "forms/fix-release.form", "forms/verify-staging.form", "forms/schedule-release.form"})
class OfferReleasePathsTest {

  @RegisterExtension
  static PathCoverage coverage = new PathCoverage("processes/offer-release.bpmn");

  ProcessEngine engine;
  Steps steps;
  SentMails mails;
  ReleaseOutcomes outcomes;
  Date firstTime;
  Date secondTime;

  @BeforeEach
  void replaceBeans() {
    BpmnAwareTests.init(engine);
    steps = new Steps(engine);
    mails = CamundaMockito.registerInstance("sendMail", new SentMails());
    BusinessDays.register();
    outcomes = registerMockInstance(ReleaseOutcomes.class);
    registerJavaDelegateMock("registerRelease")
        .onExecutionSetVariables(Variables.putValue("releaseId", "r-1").putValue("publisherId", "p0000000001"));
    registerJavaDelegateMock("recordReview");
    registerJavaDelegateMock("resubmitRelease");
    registerJavaDelegateMock("publishToStaging").onExecutionSetVariable("stagingUrl", "https://staging.example/r-1");
    registerJavaDelegateMock("recordStagingDecision");
    firstTime = Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(3)));
    secondTime = Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(5)));
    VariableMap first = Variables.putValue("releaseTime", firstTime);
    VariableMap second = Variables.putValue("releaseTime", secondTime);
    registerJavaDelegateMock("recordReleaseTime").onExecutionSetVariables(first, second);
    registerJavaDelegateMock("releaseToProduction");
  }

  @AfterEach
  void forgetBeans() {
    CamundaMockito.reset();
    BpmnAwareTests.reset();
  }

  @Test
  void anApprovedReleaseGoesToStagingIsScheduledAndGoesLiveAtItsTime() {
    ProcessInstance pi = request();
    assertThat(pi).isWaitingAt("reviewSubmission");
    steps.submit(pi, "reviewSubmission", Map.of("reviewDecision", "approve"));
    assertThat(pi).isWaitingAt("verifyStaging").variables().containsEntry("stagingUrl", "https://staging.example/r-1");
    steps.submit(pi, "verifyStaging", Map.of("stagingDecision", "requestProduction"));
    steps.submit(pi, "scheduleRelease", Map.of("releaseAt", "2026-12-08T10:00"));
    assertThat(pi).isWaitingAt("gwReleaseOrChange");
    assertThat(timerOf(pi, "timerReleaseAt").getDuedate()).isEqualTo(firstTime);

    steps.fireTimer(pi, "timerReleaseAt");
    assertThat(pi).isEnded().hasPassedInOrder("publishToStaging", "mailStagingAddress", "recordStagingDecision",
        "recordReleaseTime", "mailReleaseTime", "releaseToProduction", "mailLiveToPublisher", "mailLiveToSupport",
        "offerReleased");
    assertThat(mails.templates()).containsExactly("release-staging", "release-scheduled", "release-live",
        "release-live-staff to marketplace-support");
    verify(outcomes).close(any(DelegateExecution.class), eq("LIVE"));
  }

  @Test
  void aRejectedReleaseFixedAndResubmittedIsReviewedAgain() {
    ProcessInstance pi = request();
    steps.submit(pi, "reviewSubmission", Map.of("reviewDecision", "reject"));
    assertThat(mails.templates()).containsExactly("release-changes-requested");
    assertThat(pi).isWaitingAt("fixRelease");

    steps.submit(pi, "fixRelease", Map.of("fixDecision", "resubmit", "titleEn", "Contoso DB"));
    verifyJavaDelegateMock("resubmitRelease").executed(times(1));
    assertThat(pi).isWaitingAt("reviewSubmission");
    steps.submit(pi, "reviewSubmission", Map.of("reviewDecision", "approve"));
    assertThat(pi).isWaitingAt("verifyStaging");
  }

  @Test
  void aRejectedReleaseThePublisherAbandonsEndsRejected() {
    ProcessInstance pi = request();
    steps.submit(pi, "reviewSubmission", Map.of("reviewDecision", "reject"));
    steps.submit(pi, "fixRelease", Map.of("fixDecision", "abandon"));

    assertThat(pi).isEnded().hasPassed("releaseRejected").hasNotPassed("resubmitRelease", "publishToStaging");
    verify(outcomes).close(any(DelegateExecution.class), eq("REJECTED"));
  }

  @Test
  void aRejectedReleaseNotFixedIn30DaysEndsRejected() {
    ProcessInstance pi = request();
    steps.submit(pi, "reviewSubmission", Map.of("reviewDecision", "reject"));
    steps.fireTimer(pi, "fixDeadline");

    assertThat(pi).isEnded().hasPassed("fixDeadline", "releaseRejected");
    verify(outcomes).close(any(DelegateExecution.class), eq("REJECTED"));
  }

  @Test
  void anOverdueReviewIsEscalatedToSupportAndStaysOpen() {
    ProcessInstance pi = request();
    steps.fireTimer(pi, "reviewOverdue");

    assertThat(mails.templates()).containsExactly("release-review-overdue to marketplace-support");
    assertThat(pi).hasPassed("reviewEscalated").isWaitingAt("reviewSubmission");
  }

  @Test
  void aPublisherSilentInStagingIsRemindedAfter23DaysAndTheReleaseLapsesAfter30() {
    ProcessInstance pi = staged();
    steps.fireTimer(pi, "stagingReminderDue");
    assertThat(pi).hasPassed("publisherReminded").isWaitingAt("verifyStaging");

    steps.fireTimer(pi, "stagingDeadline");
    assertThat(pi).isEnded().hasPassed("mailLapsed", "releaseLapsed");
    assertThat(mails.templates()).containsExactly("release-staging", "release-staging-reminder", "release-lapsed");
    verify(outcomes).close(any(DelegateExecution.class), eq("LAPSED"));
  }

  @Test
  void aPublisherMayWithdrawInStaging() {
    ProcessInstance pi = staged();
    steps.submit(pi, "verifyStaging", Map.of("stagingDecision", "withdraw"));

    assertThat(pi).isEnded().hasPassed("mailWithdrawal", "releaseWithdrawn").hasNotPassed("scheduleRelease");
    assertThat(mails.templates()).containsExactly("release-staging", "release-withdrawn to marketplace-support");
    verify(outcomes).close(any(DelegateExecution.class), eq("WITHDRAWN"));
  }

  @Test
  void aPublisherMayWithdrawWhileSupportSchedulesTheRelease() {
    ProcessInstance pi = staged();
    steps.submit(pi, "verifyStaging", Map.of("stagingDecision", "requestProduction"));
    assertThat(pi).isWaitingAt("scheduleRelease");
    steps.message(pi, OfferReleaseProcess.RELEASE_WITHDRAWN);

    assertThat(pi).isEnded().hasPassed("withdrawnBeforeTime", "releaseWithdrawn").hasNotPassed("recordReleaseTime");
    verify(outcomes).close(any(DelegateExecution.class), eq("WITHDRAWN"));
  }

  @Test
  void aPublisherMayWithdrawAScheduledReleaseBeforeItsTime() {
    ProcessInstance pi = scheduled();
    steps.message(pi, OfferReleaseProcess.RELEASE_WITHDRAWN);

    assertThat(pi).isEnded().hasPassed("releaseWithdrawnMessage", "releaseWithdrawn").hasNotPassed("releaseToProduction");
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).count()).isZero();
  }

  @Test
  void anotherTimeRequestedIsScheduledAgainAndTheTimerMoves() {
    ProcessInstance pi = scheduled();
    steps.message(pi, OfferReleaseProcess.RELEASE_TIME_CHANGE_REQUESTED);
    assertThat(pi).isWaitingAt("scheduleRelease");
    steps.submit(pi, "scheduleRelease", Map.of("releaseAt", "2026-12-10T10:00"));

    assertThat(timerOf(pi, "timerReleaseAt").getDuedate()).isEqualTo(secondTime);
    assertThat(mails.templates()).containsExactly("release-staging", "release-scheduled", "release-scheduled");
    steps.fireTimer(pi, "timerReleaseAt");
    assertThat(pi).isEnded().hasPassed("offerReleased");
    verifyJavaDelegateMock("releaseToProduction").executed(times(1));
  }

  private ProcessInstance request() {
    String definitionId = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey("offerRelease").singleResult().getId();
    engine.getIdentityService().setAuthenticatedUserId("alice");
    try {
      ProcessInstance pi = engine.getFormService().submitStartForm(definitionId, Map.of("offerId", "contoso-db",
          "titleZh", "康托索数据库", "titleEn", "Contoso DB"));
      assertThat(pi).variables().containsEntry("startedBy", "alice");
      steps.run(pi);
      return pi;
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private ProcessInstance staged() {
    ProcessInstance pi = request();
    steps.submit(pi, "reviewSubmission", Map.of("reviewDecision", "approve"));
    assertThat(pi).isWaitingAt("verifyStaging");
    return pi;
  }

  private ProcessInstance scheduled() {
    ProcessInstance pi = staged();
    steps.submit(pi, "verifyStaging", Map.of("stagingDecision", "requestProduction"));
    steps.submit(pi, "scheduleRelease", Map.of("releaseAt", "2026-12-08T10:00"));
    assertThat(pi).isWaitingAt("gwReleaseOrChange");
    return pi;
  }

  private Job timerOf(ProcessInstance pi, String activityId) {
    return engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers()
        .activityId(activityId).singleResult();
  }
}
