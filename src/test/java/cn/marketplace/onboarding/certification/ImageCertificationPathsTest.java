package cn.marketplace.onboarding.certification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.community.mockito.CamundaMockito.registerExecutionListenerMock;
import static org.camunda.community.mockito.CamundaMockito.registerJavaDelegateMock;
import static org.camunda.community.mockito.CamundaMockito.registerTaskListenerMock;
import static org.camunda.community.mockito.CamundaMockito.verifyExecutionListenerMock;
import static org.camunda.community.mockito.CamundaMockito.verifyJavaDelegateMock;
import static org.camunda.community.mockito.CamundaMockito.verifyTaskListenerMock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import cn.marketplace.onboarding.calendar.DueDates;
import cn.marketplace.onboarding.testsupport.paths.BusinessDays;
import cn.marketplace.onboarding.testsupport.paths.FastPathTest;
import cn.marketplace.onboarding.testsupport.paths.PathCoverage;
import cn.marketplace.onboarding.testsupport.paths.Steps;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
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
 * Every path of {@code imageCertification} alone: the diagram and its forms on the in-memory engine,
 * every bean it names replaced by a test double that sets what the real step sets. The checks'
 * verdicts ({@code checkOutcome}, {@code certificationPassed}) and the OS family are the doubles'
 * answers. {@link ImageCertificationProcessTest} walks the same paths with the whole product.
 */
@FastPathTest
@Deployment(resources = {"processes/image-certification.bpmn", "forms/submission.form",
    "forms/review-image-size.form", "forms/fix-submission.form", "forms/answer-questionnaire.form"})
class ImageCertificationPathsTest {

  @RegisterExtension
  static PathCoverage coverage = new PathCoverage("processes/image-certification.bpmn");

  ProcessEngine engine;
  Steps steps;
  DueDates dueDates;

  @BeforeEach
  void replaceBeans() {
    BpmnAwareTests.init(engine);
    steps = new Steps(engine);
    dueDates = BusinessDays.register();
    registerJavaDelegateMock("registerSubmission")
        .onExecutionSetVariables(Variables.putValue("submissionId", "s-1").putValue("publisherId", "p0000000001"));
    registerJavaDelegateMock("remindSasExpiry");
    registerJavaDelegateMock("recordQuestionnaire");
    registerJavaDelegateMock("storeCertificationReport").onExecutionSetVariable("certified", true);
    registerTaskListenerMock("recordSizeReview");
    registerExecutionListenerMock("closeSubmission");
    checksSay("pass");
    vhdsOf("linux");
    linuxTestsSay(true);
    registerJavaDelegateMock("checkWindowsResults")
        .onExecutionSetVariables(Variables.putValue("certificationReportId", "r-w").putValue("certificationPassed", true));
    windowsCertifiedBy("resultsFile");
    windowsVmTestsSay(true);
  }

  @AfterEach
  void forgetBeans() {
    CamundaMockito.reset();
    BpmnAwareTests.reset();
  }

  @Test
  void aLinuxImageThatPassesEverythingIsCertifiedAfterTheQuestionnaire() {
    ProcessInstance pi = submit("linux");
    assertThat(pi).isWaitingAt("answerQuestionnaire");
    assertThat(steps.task(pi, "answerQuestionnaire").getDueDate()).isNotNull();
    verify(dueDates).businessDaysFromNow(10);

    steps.submit(pi, "answerQuestionnaire", Map.of("answersConfirmed", true));
    assertThat(pi).as("CERT-4: the questionnaire follows the automated tests and its answers are recorded")
        .isEnded().hasPassedInOrder("registerSubmission", "checkSubmission", "acceptVhds",
        "runLinuxCertification", "answerQuestionnaire", "recordQuestionnaire", "storeCertificationReport",
        "imageCertified").hasNotPassed("checkWindowsResults", "reviewImageSize", "fixSubmission");
    assertThat(pi).variables().containsEntry("certified", true);
    verifyExecutionListenerMock("closeSubmission").executed(times(1));
  }

  @Test
  void aWindowsImageIsCertifiedFromTheToolsResultsInsteadOfOverSsh() {
    vhdsOf("windows");
    ProcessInstance pi = submit("windows");
    steps.submit(pi, "answerQuestionnaire", Map.of("answersConfirmed", true));

    assertThat(pi).isEnded().hasPassed("checkWindowsResults", "imageCertified")
        .hasNotPassed("runLinuxCertification", "runWindowsCertification");
    assertThat(pi).variables().containsEntry("certificationReportId", "r-w");
  }

  @Test
  void aWindowsImageWhoseVmTheIsvGaveIsCertifiedOverSsh() {
    vhdsOf("windows");
    windowsCertifiedBy("vm");
    ProcessInstance pi = submit("windows");
    assertThat(pi).isWaitingAt("answerQuestionnaire");
    verifyExecutionListenerMock("chooseWindowsCertification").executed(times(1));

    steps.submit(pi, "answerQuestionnaire", Map.of("answersConfirmed", true));
    assertThat(pi).isEnded().hasPassedInOrder("acceptVhds", "gwWindowsEvidence", "runWindowsCertification",
        "answerQuestionnaire", "imageCertified").hasNotPassed("checkWindowsResults", "runLinuxCertification");
    assertThat(pi).variables().containsEntry("certificationReportId", "r-vm-0");
  }

  @Test
  void aFailedWindowsVmTestGoesBackToTheIsvAndTheFixRunsItAgain() {
    vhdsOf("windows");
    windowsCertifiedBy("vm");
    windowsVmTestsSay(false, true);
    ProcessInstance pi = submit("windows");
    assertThat(pi).isWaitingAt("fixSubmission").hasPassed("runWindowsCertification");

    steps.submit(pi, "fixSubmission", Map.of("vmHost", "winvm.contoso.cn"));
    verifyJavaDelegateMock("runWindowsCertification").executed(times(2));
    assertThat(pi).isWaitingAt("answerQuestionnaire");
  }

  @Test
  void aBrokenRuleGoesBackToTheIsvAndTheFixIsCheckedFromTheStart() {
    checksSay("fix", "pass");
    ProcessInstance pi = submit("linux");
    assertThat(pi).isWaitingAt("fixSubmission");
    assertThat(engine.getTaskService().getIdentityLinksForTask(steps.task(pi, "fixSubmission").getId()))
        .anyMatch(link -> "isv-p0000000001".equals(link.getGroupId()));

    steps.submit(pi, "fixSubmission", Map.of("osName", "Ubuntu Server 22.04 LTS"));
    verifyJavaDelegateMock("registerSubmission").executed(times(2));
    verifyJavaDelegateMock("checkSubmission").executed(times(2));
    assertThat(pi).isWaitingAt("answerQuestionnaire");
  }

  @Test
  void aFailedCertificationTestGoesBackToTheIsvAndTheFixRunsEveryCheckAgain() {
    linuxTestsSay(false, true);
    ProcessInstance pi = submit("linux");
    assertThat(pi).isWaitingAt("fixSubmission").hasPassed("runLinuxCertification").hasNotPassed("answerQuestionnaire");

    steps.submit(pi, "fixSubmission", Map.of("vmHost", "vm.contoso.cn"));
    verifyJavaDelegateMock("checkSubmission").executed(times(2));
    verifyJavaDelegateMock("runLinuxCertification").executed(times(2));
    assertThat(pi).isWaitingAt("answerQuestionnaire");
  }

  @Test
  void supportApprovesALinuxOsDiskOver50GbAndCertificationGoesOn() {
    checksSay("review");
    ProcessInstance pi = submit("linux");
    assertThat(pi).isWaitingAt("reviewImageSize");
    assertThat(engine.getTaskService().getIdentityLinksForTask(steps.task(pi, "reviewImageSize").getId()))
        .anyMatch(link -> "marketplace-support".equals(link.getGroupId()));

    steps.submit(pi, "reviewImageSize", Map.of("reviewDecision", "approve"));
    verifyTaskListenerMock("recordSizeReview").executed(times(1));
    assertThat(pi).hasPassed("acceptVhds", "runLinuxCertification").isWaitingAt("answerQuestionnaire");
  }

  @Test
  void supportRejectsTheSizeAndTheIsvMustFixTheSubmission() {
    checksSay("review", "pass");
    ProcessInstance pi = submit("linux");
    steps.submit(pi, "reviewImageSize", Map.of("reviewDecision", "reject"));

    assertThat(pi).isWaitingAt("fixSubmission").hasNotPassed("acceptVhds");
    verifyJavaDelegateMock("acceptVhds").executed(never());
  }

  @Test
  void aSubmissionNotFixedIn30BusinessDaysEndsUncertified() {
    checksSay("fix");
    ProcessInstance pi = submit("linux");
    verify(dueDates).businessDaysFromNow(30);
    steps.fireTimer(pi, "fixAbandoned");

    assertThat(pi).isEnded().hasPassed("submissionAbandoned").hasNotPassed("imageCertified");
    assertThat(pi).variables().containsEntry("certified", false);
    verifyExecutionListenerMock("closeSubmission").executed(times(1));
  }

  @Test
  void theIsvIsRemindedOfItsExpiringSasWhileItFixesTheSubmission() {
    checksSay("fix", "pass");
    ProcessInstance pi = submit("linux");
    steps.fireTimer(pi, "fixSasExpiring");

    verifyJavaDelegateMock("remindSasExpiry").executed(times(1));
    assertThat(pi).hasPassed("isvReminded").isWaitingAt("fixSubmission");
    steps.submit(pi, "fixSubmission", Map.of());
    assertThat(pi).isWaitingAt("answerQuestionnaire");
  }

  @Test
  void theIsvIsRemindedOfItsExpiringSasWhileSupportReviewsTheSize() {
    checksSay("review");
    ProcessInstance pi = submit("linux");
    steps.fireTimer(pi, "reviewSasExpiring");

    verifyJavaDelegateMock("remindSasExpiry").executed(times(1));
    assertThat(pi).hasPassed("isvReminded").isWaitingAt("reviewImageSize");
  }

  private ProcessInstance submit(String osFamily) {
    String definitionId = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey("imageCertification").singleResult().getId();
    engine.getIdentityService().setAuthenticatedUserId("alice");
    try {
      ProcessInstance pi = engine.getFormService().submitStartForm(definitionId, Map.of("offerId", "contoso-db",
          "skuId", "standard", "version", "1.0.0", "osFamily", osFamily));
      assertThat(pi).variables().containsEntry("submittedBy", "alice");
      steps.run(pi);
      return pi;
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  /** What {@code checkSubmission} decides on each run: {@code fix}, {@code review} or {@code pass}. */
  private static void checksSay(String... decisions) {
    Date reminder = Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(5)));
    VariableMap[] runs = new VariableMap[decisions.length];
    for (int i = 0; i < decisions.length; i++) {
      runs[i] = Variables.putValue("checkOutcome", decisions[i]).putValue("sasExpiryReminderAt", reminder);
    }
    registerJavaDelegateMock("checkSubmission").onExecutionSetVariables(runs[0], tail(runs));
  }

  /** What {@code acceptVhds} records: the image version and its OS family, which picks the certification. */
  private static void vhdsOf(String osFamily) {
    registerJavaDelegateMock("acceptVhds").onExecutionSetVariables(Variables.putValue("imageVersionId", 7L)
        .putValue("vhdsAccepted", true).putValue("imageOsFamily", osFamily));
  }

  /** Whether each run of the Linux tests passed. */
  private static void linuxTestsSay(boolean... passed) {
    VariableMap[] runs = new VariableMap[passed.length];
    for (int i = 0; i < passed.length; i++) {
      runs[i] = Variables.putValue("certificationReportId", "r-" + i).putValue("certificationPassed", passed[i]);
    }
    registerJavaDelegateMock("runLinuxCertification").onExecutionSetVariables(runs[0], tail(runs));
  }

  /** How the submission's Windows image is certified, as the listener reads it from the submission. */
  private static void windowsCertifiedBy(String how) {
    registerExecutionListenerMock("chooseWindowsCertification")
        .onExecutionSetVariables(Variables.putValue("windowsCertification", how));
  }

  /** Whether each run of the Windows tests over SSH passed. */
  private static void windowsVmTestsSay(boolean... passed) {
    VariableMap[] runs = new VariableMap[passed.length];
    for (int i = 0; i < passed.length; i++) {
      runs[i] = Variables.putValue("certificationReportId", "r-vm-" + i).putValue("certificationPassed", passed[i]);
    }
    registerJavaDelegateMock("runWindowsCertification").onExecutionSetVariables(runs[0], tail(runs));
  }

  private static VariableMap[] tail(VariableMap[] runs) {
    return java.util.Arrays.copyOfRange(runs, 1, runs.length);
  }
}
