package cn.marketplace.onboarding.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.community.mockito.CamundaMockito.registerJavaDelegateMock;
import static org.camunda.community.mockito.CamundaMockito.registerMockInstance;
import static org.camunda.community.mockito.CamundaMockito.verifyJavaDelegateMock;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import cn.marketplace.onboarding.activation.SharedPartnerIds;
import cn.marketplace.onboarding.calendar.DueDates;
import cn.marketplace.onboarding.process.PublisherOnboarding;
import cn.marketplace.onboarding.testsupport.paths.BusinessDays;
import cn.marketplace.onboarding.testsupport.paths.FastPathTest;
import cn.marketplace.onboarding.testsupport.paths.PathCoverage;
import cn.marketplace.onboarding.testsupport.paths.SentMails;
import cn.marketplace.onboarding.testsupport.paths.Steps;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.community.mockito.CamundaMockito;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every path of {@code publisherOnboarding} alone: the diagram and its forms on the in-memory engine,
 * every bean it names replaced by a test double. {@link PublisherOnboardingProcessTest} walks the same
 * paths with the whole product.
 */
@FastPathTest
@Deployment(resources = {"processes/publisher-onboarding.bpmn", "forms/application.form",
    "forms/review-application.form", "forms/call-applicant.form", "forms/activate-publishing.form",
    "forms/approve-shared-partner-id.form"})
class PublisherOnboardingPathsTest {

  @RegisterExtension
  static PathCoverage coverage = new PathCoverage("processes/publisher-onboarding.bpmn");

  /** Partner IDs and Azure customer IDs the credential double knows. */
  private static final String KNOWN_PARTNER = "1234567";
  private static final String KNOWN_CUSTOMER = "c-0001";
  /** A known partner ID another publisher was activated with already (ACT-5). */
  private static final String TAKEN_PARTNER = "7000001";

  ProcessEngine engine;
  Steps steps;
  SentMails mails;
  DueDates dueDates;
  ApplicationOutcomes outcomes;
  SharedPartnerIds sharedPartnerIds;

  @BeforeEach
  void replaceBeans() {
    BpmnAwareTests.init(engine);
    steps = new Steps(engine);
    mails = CamundaMockito.registerInstance("sendMail", new SentMails());
    dueDates = BusinessDays.register();
    outcomes = registerMockInstance(ApplicationOutcomes.class);
    registerJavaDelegateMock("checkApplication")
        .onExecutionSetVariables(Variables.putValue("applicationId", "a-1").putValue("callAttempts", 0)
            .putValue("possibleDuplicateOf", ""));
    registerJavaDelegateMock("mailEarlierApplicant");
    sharedPartnerIds = registerMockInstance(SharedPartnerIds.class);
    registerJavaDelegateMock("requestMoreInfo");
    registerJavaDelegateMock("issuePublisherAccount").onExecutionSetVariable("publisherId", "p0000000001");
    CamundaMockito.registerInstance("verifyCredential", new CredentialDouble());
    registerJavaDelegateMock("activatePublisher");
  }

  @AfterEach
  void forgetBeans() {
    CamundaMockito.reset();
    BpmnAwareTests.reset();
  }

  @Test
  void anApprovedApplicantReachedAtOnceActivatesWithItsPartnerId() {
    ProcessInstance pi = apply();
    assertThat(pi).isWaitingAt("reviewApplication");
    assertThat(steps.task(pi, "reviewApplication").getDueDate()).isNotNull();
    verify(dueDates, atLeastOnce()).businessDaysFromNow(3);

    steps.submit(pi, "reviewApplication", Map.of("reviewDecision", "approve"));
    assertThat(pi).as("APPLY-4: the reviewed application's result is mailed and an account manager calls")
        .isWaitingAt("callApplicant", "joinAccountAndCall");
    steps.submit(pi, "callApplicant", Map.of("callOutcome", "reached"));
    steps.submit(pi, "activatePublishing", Map.of("credentialType", "partnerId", "credential", KNOWN_PARTNER));

    assertThat(pi).isEnded().hasPassedInOrder("mailApproval", "issueAccount", "verifyCredential",
        "activatePublisher", "publisherActive");
    assertThat(pi).variables().containsEntry("callAttempts", 1L).containsEntry("publisherId", "p0000000001");
    assertThat(mails.templates()).containsExactly("application-approved");
    verify(outcomes).close(any(DelegateExecution.class), eq("active"));
    assertThat(pi).hasPassed("noEarlierApplication").hasNotPassed("mailEarlierApplicant");
  }

  @Test
  void aSecondApplicationOfTheSameCompanyTellsTheEarlierApplicantAndIsReviewedAsUsual() {
    registerJavaDelegateMock("checkApplication")
        .onExecutionSetVariables(Variables.putValue("applicationId", "a-2").putValue("callAttempts", 0)
            .putValue("possibleDuplicateOf", "a-1"));
    ProcessInstance pi = apply();

    assertThat(pi).hasPassed("mailEarlierApplicant", "earlierApplicantTold").hasNotPassed("noEarlierApplication")
        .isWaitingAt("reviewApplication");
    verifyJavaDelegateMock("mailEarlierApplicant").executed(times(1));
    assertThat(mails.templates()).as("the new applicant is told nothing more").isEmpty();
    steps.submit(pi, "reviewApplication", Map.of("reviewDecision", "reject"));
    assertThat(pi).isEnded();
  }

  @Test
  void aPartnerIdBoundToAnotherPublisherWaitsTwoBusinessDaysForSupportWhoMayAllowIt() {
    ProcessInstance pi = approvedAndCalled();
    steps.submit(pi, "activatePublishing", Map.of("credentialType", "partnerId", "credential", TAKEN_PARTNER));

    assertThat(pi).isWaitingAt("approveSharedPartnerId").variables().containsEntry("credentialResult", "shared");
    assertThat(BpmnAwareTests.task("approveSharedPartnerId", pi)).hasCandidateGroup("marketplace-support");
    assertThat(steps.task(pi, "approveSharedPartnerId").getDueDate()).isNotNull();
    verify(dueDates, atLeastOnce()).businessDaysFromNow(2);
    verify(sharedPartnerIds).show(any());
    verifyJavaDelegateMock("activatePublisher").executed(never());

    steps.submit(pi, "approveSharedPartnerId", Map.of("sharedPartnerIdDecision", "approve"));
    assertThat(pi).isEnded().hasPassedInOrder("approveSharedPartnerId", "activatePublisher", "publisherActive");
    verify(sharedPartnerIds, never()).refused(any());
  }

  @Test
  void aSharedPartnerIdSupportRefusesSendsThePublisherBackToActivation() {
    ProcessInstance pi = approvedAndCalled();
    steps.submit(pi, "activatePublishing", Map.of("credentialType", "partnerId", "credential", TAKEN_PARTNER));
    steps.submit(pi, "approveSharedPartnerId", Map.of("sharedPartnerIdDecision", "refuse"));

    assertThat(pi).isWaitingAt("activatePublishing");
    verify(sharedPartnerIds).refused(any());
    verifyJavaDelegateMock("activatePublisher").executed(never());
    steps.submit(pi, "activatePublishing", Map.of("credentialType", "partnerId", "credential", KNOWN_PARTNER));
    assertThat(pi).isEnded().hasPassed("publisherActive");
  }

  @Test
  void aRejectedApplicationEndsWithTheRejectionMail() {
    ProcessInstance pi = apply();
    steps.submit(pi, "reviewApplication", Map.of("reviewDecision", "reject"));

    assertThat(pi).isEnded().hasPassed("mailRejection", "applicationRejected").hasNotPassed("mailApproval");
    assertThat(mails.templates()).containsExactly("application-rejected");
    verify(outcomes).close(any(DelegateExecution.class), eq("rejected"));
    verifyJavaDelegateMock("issuePublisherAccount").executed(never());
  }

  @Test
  void anApplicationAmendedAfterAQuestionIsReviewedAgain() {
    ProcessInstance pi = apply();
    steps.submit(pi, "reviewApplication", Map.of("reviewDecision", "moreInfo"));
    verifyJavaDelegateMock("requestMoreInfo").executed(times(1));
    assertThat(pi).isWaitingAt("gwAmendOrLapse");

    steps.message(pi, PublisherOnboarding.APPLICATION_AMENDED);
    assertThat(pi).isWaitingAt("reviewApplication");
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers()
        .activityId("amendDeadline").count()).as("the lapse timer is gone").isZero();

    steps.submit(pi, "reviewApplication", Map.of("reviewDecision", "reject"));
    assertThat(pi).isEnded().hasPassed("applicationRejected");
  }

  @Test
  void anApplicationNotAmendedIn14DaysLapses() {
    ProcessInstance pi = apply();
    steps.submit(pi, "reviewApplication", Map.of("reviewDecision", "moreInfo"));
    steps.fireTimer(pi, "amendDeadline");

    assertThat(pi).isEnded().hasPassed("mailLapsed", "applicationLapsed");
    assertThat(mails.templates()).containsExactly("application-lapsed");
    verify(outcomes).close(any(DelegateExecution.class), eq("lapsed"));
  }

  @Test
  void anOverdueReviewIsEscalatedToTheReviewersAndStaysOpen() {
    ProcessInstance pi = apply();
    steps.fireTimer(pi, "reviewOverdue");

    assertThat(mails.templates()).containsExactly("review-overdue to marketplace-reviewers");
    assertThat(pi).hasPassed("reviewEscalated").isWaitingAt("reviewApplication");
    steps.submit(pi, "reviewApplication", Map.of("reviewDecision", "reject"));
    assertThat(pi).isEnded();
  }

  @Test
  void anApplicantMissedOnceIsMailedAndCalledAgainTheNextBusinessDay() {
    ProcessInstance pi = approved();
    steps.submit(pi, "callApplicant", Map.of("callOutcome", "notReached"));
    assertThat(mails.templates()).containsExactly("application-approved", "call-missed");
    assertThat(pi).isWaitingAt("waitBeforeNextCall");
    verify(dueDates).businessDaysFromNow(1);

    steps.fireTimer(pi, "waitBeforeNextCall");
    steps.submit(pi, "callApplicant", Map.of("callOutcome", "reached"));
    assertThat(pi).isWaitingAt("activatePublishing").variables().containsEntry("callAttempts", 2L);
  }

  @Test
  void afterThreeUnansweredCallsTheOnboardingGoesOnWithoutTheCall() {
    ProcessInstance pi = approved();
    for (int call = 1; call <= 2; call++) {
      steps.submit(pi, "callApplicant", Map.of("callOutcome", "notReached"));
      steps.fireTimer(pi, "waitBeforeNextCall");
    }
    steps.submit(pi, "callApplicant", Map.of("callOutcome", "notReached"));

    assertThat(pi).isWaitingAt("activatePublishing").variables().containsEntry("callAttempts", 3L);
    assertThat(mails.templates()).containsExactly("application-approved", "call-missed", "call-missed");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"partnerId, " + KNOWN_PARTNER, "azureCustomer, " + KNOWN_CUSTOMER})
  void aValidCredentialOfEitherKindActivatesThePublisher(String credentialType, String credential) {
    ProcessInstance pi = approvedAndCalled();
    steps.submit(pi, "activatePublishing", Map.of("credentialType", credentialType, "credential", credential));

    assertThat(pi).isEnded().hasPassed("activatePublisher", "publisherActive").hasNotPassed("mailBuyAzure");
    verifyJavaDelegateMock("activatePublisher").executed(times(1));
  }

  @Test
  void anUnknownPartnerIdSendsThePublisherBackToActivateAgain() {
    ProcessInstance pi = approvedAndCalled();
    steps.submit(pi, "activatePublishing", Map.of("credentialType", "partnerId", "credential", "7654321"));

    assertThat(pi).isWaitingAt("activatePublishing").variables().containsEntry("credentialResult", "invalid");
    verifyJavaDelegateMock("activatePublisher").executed(never());
    steps.submit(pi, "activatePublishing", Map.of("credentialType", "partnerId", "credential", KNOWN_PARTNER));
    assertThat(pi).isEnded().hasPassed("publisherActive");
  }

  @Test
  void aPublisherWithoutCredentialIsMailedHowToBuyAzureAndActivatesLater() {
    ProcessInstance pi = approvedAndCalled();
    steps.submit(pi, "activatePublishing", Map.of("credentialType", "none"));

    assertThat(mails.templates()).as("ACT-3: without a credential the publisher buys Azure first")
        .containsExactly("application-approved", "buy-azure");
    assertThat(pi).isWaitingAt("activatePublishing");
    steps.submit(pi, "activatePublishing", Map.of("credentialType", "azureCustomer", "credential", KNOWN_CUSTOMER));
    assertThat(pi).isEnded().hasPassed("publisherActive");
  }

  @Test
  void aPublisherThatDoesNotActivateIsRemindedWeeklyAndMayStillActivate() {
    ProcessInstance pi = approvedAndCalled();
    steps.fireTimer(pi, "activationReminder");
    steps.fireTimer(pi, "activationReminder");

    assertThat(mails.templates()).containsExactly("application-approved", "activation-reminder",
        "activation-reminder");
    assertThat(pi).isWaitingAt("activatePublishing");
    steps.submit(pi, "activatePublishing", Map.of("credentialType", "partnerId", "credential", KNOWN_PARTNER));
    assertThat(pi).isEnded();
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).count()).isZero();
  }

  private ProcessInstance apply() {
    String definitionId = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey("publisherOnboarding").singleResult().getId();
    ProcessInstance pi = engine.getFormService().submitStartForm(definitionId, Map.of(
        "companyName", "Contoso", "unifiedSocialCreditCode", "91350100M000100Y43", "productType", "vmImage",
        "contactEmail", "ops@contoso.cn", "language", "zh-CN", "policyAccepted", true));
    steps.run(pi);
    return pi;
  }

  private ProcessInstance approved() {
    ProcessInstance pi = apply();
    steps.submit(pi, "reviewApplication", Map.of("reviewDecision", "approve"));
    return pi;
  }

  private ProcessInstance approvedAndCalled() {
    ProcessInstance pi = approved();
    steps.submit(pi, "callApplicant", Map.of("callOutcome", "reached"));
    assertThat(pi).isWaitingAt("activatePublishing");
    return pi;
  }

  /**
   * Stands in for {@code verifyCredential}: what the partner directory would answer for the
   * credential the publisher gave, under the variable the diagram's gateway reads.
   */
  static class CredentialDouble implements JavaDelegate {
    @Override
    public void execute(DelegateExecution execution) {
      String type = (String) execution.getVariable("credentialType");
      Object credential = execution.getVariable("credential");
      String result = switch (type) {
        case "partnerId" -> KNOWN_PARTNER.equals(credential) ? "valid" : TAKEN_PARTNER.equals(credential) ? "shared"
            : "invalid";
        case "azureCustomer" -> KNOWN_CUSTOMER.equals(credential) ? "valid" : "invalid";
        default -> "none";
      };
      execution.setVariable("credentialResult", result);
    }
  }
}
