package cn.marketplace.onboarding.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import cn.marketplace.onboarding.account.PublisherRepository;
import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.testsupport.Jobs;
import cn.marketplace.onboarding.testsupport.MailServer;
import cn.marketplace.onboarding.testsupport.Mails;
import cn.marketplace.onboarding.testsupport.OnboardingSpringTest;
import cn.marketplace.onboarding.testsupport.PartnerIds;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every path of {@code publisherOnboarding}, driven through the engine's API; timers by moving the clock. */
@OnboardingSpringTest
class PublisherOnboardingProcessTest {

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired IdentityService identityService;
  @Autowired ApplicationService applications;
  @Autowired ApplicationRepository applicationRepository;
  @Autowired PublisherRepository publishers;

  private static int counter;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    MailServer.purge();
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void approvedApplicantBecomesAnActivePublisher() {
    String email = nextEmail();
    ProcessInstance pi = apply(email);
    BpmnAwareTests.assertThat(pi).isWaitingAt("reviewApplication");
    assertThat(task().getDueDate()).isAfter(ClockUtil.getCurrentTime());
    assertThat(processEngine.getTaskService().getIdentityLinksForTask(task().getId()))
        .anyMatch(link -> Groups.REVIEWERS.equals(link.getGroupId()));

    complete(task(), withVariables("reviewDecision", "approve", "reviewComment", "欢迎加入"));
    execute(job("mailApproval"));
    assertThat(Mails.subjects(email)).containsExactly("您的镜像市场申请已通过审核");
    BpmnAwareTests.assertThat(pi).isWaitingAt("callApplicant", "issueAccount");

    execute(job("issueAccount"));
    String publisherId = (String) runtimeService.getVariable(pi.getId(), "publisherId");
    assertThat(publisherId).matches("p[0-9a-f]{10}");
    String password = Mails.find(email, "初始密码：(\\S+)");
    assertThat(identityService.checkPassword(publisherId, password)).as("ACCT-1: the publisher account is sent by mail")
        .isTrue();
    assertThat(identityService.createGroupQuery().groupMember(publisherId).list())
        .extracting(g -> g.getId()).containsExactlyInAnyOrder(Groups.PUBLISHERS, "isv-" + publisherId);
    assertThat(runtimeService.getVariables(pi.getId()).values()).doesNotContain(password);

    complete(task("callApplicant"), withVariables("callOutcome", "reached", "callNotes", "OK"));
    joinAccountAndCall(pi);
    BpmnAwareTests.assertThat(pi).isWaitingAt("activatePublishing");
    assertThat(processEngine.getTaskService().getIdentityLinksForTask(task("activatePublishing").getId()))
        .anyMatch(link -> ("isv-" + publisherId).equals(link.getGroupId()));

    complete(task("activatePublishing"), withVariables("credentialType", "partnerId", "credential", PartnerIds.unused()));
    execute(job("verifyCredential"));
    execute(job("activatePublisher"));
    BpmnAwareTests.assertThat(pi).isEnded().variables().containsEntry("publisherStatus", "active");
    assertThat(publishers.findById(publisherId)).as("ACT-4: once activated, the publisher may release")
        .hasValueSatisfying(p -> assertThat(p.isActive()).isTrue());
    assertThat(processEngine.getAuthorizationService().isUserAuthorized(publisherId,
        java.util.List.of(Groups.PUBLISHERS, "isv-" + publisherId),
        org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.CREATE_INSTANCE,
        org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION, "imageCertification")).isTrue();
    assertThat(Mails.subjects(email)).hasSize(3).last().asString().contains("发布权限已激活");
  }

  @Test
  void aRewrittenContactVariableRedirectsNoMail() {
    String email = nextEmail();
    ProcessInstance pi = apply(email, "en");
    // what a caller who could write variables would do: the gate refuses it over HTTP, and the step must not care
    runtimeService.setVariable(pi.getId(), "contactEmail", "attacker@example.net");
    complete(task(), withVariables("reviewDecision", "reject", "reviewComment", "Not a VM image vendor"));
    execute(job("mailRejection"));
    assertThat(Mails.subjects(email)).containsExactly("Your marketplace application was not approved");
    assertThat(Mails.subjects("attacker@example.net")).isEmpty();
  }

  @Test
  void rejectedApplicationEndsWithAMailInTheApplicantsLanguage() {
    String email = nextEmail();
    ProcessInstance pi = apply(email, "en");
    complete(task(), withVariables("reviewDecision", "reject", "reviewComment", "Not a VM image vendor"));
    execute(job("mailRejection"));
    BpmnAwareTests.assertThat(pi).isEnded().hasPassed("applicationRejected")
        .variables().containsEntry("publisherStatus", "rejected");
    assertThat(Mails.subjects(email)).containsExactly("Your marketplace application was not approved");
    assertThat(Mails.find(email, "(Not a VM image vendor)")).isNotEmpty();
    String applicationId = (String) processEngine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(pi.getId()).variableName("applicationId").singleResult().getValue();
    assertThat(applicationRepository.findById(applicationId).orElseThrow().getStatus())
        .isEqualTo(Application.Status.REJECTED);
  }

  @Test
  void moreInfoThenAmendedGoesBackToReview() {
    String email = nextEmail();
    ProcessInstance pi = apply(email, "en");
    complete(task(), withVariables("reviewDecision", "moreInfo", "reviewComment", "Which Linux distributions?"));
    execute(job("requestMoreInfo"));
    BpmnAwareTests.assertThat(pi).isWaitingAt("gwAmendOrLapse");
    String token = Mails.find(email, "amend=([A-Za-z0-9_-]+)");

    ApplicationForm amended = applications.amendmentFor(token);
    assertThat(amended.contactEmail()).isEqualTo(email);
    applications.amend(token, new ApplicationForm("Amended Co.", amended.unifiedSocialCreditCode(),
        amended.registeredRegion(), amended.registeredAddress(), amended.contactName(), amended.contactEmail(),
        amended.contactPhone(), amended.productType(), true, "en"));

    BpmnAwareTests.assertThat(pi).isWaitingAt("reviewApplication").variables().containsEntry("companyName", "Amended Co.");
    assertThatThrownBy(() -> applications.amendmentFor(token)).isInstanceOf(AmendLinkInvalidException.class);
  }

  @Test
  void moreInfoWithoutAnswerLapsesAfterFourteenDays() {
    String email = nextEmail();
    ProcessInstance pi = apply(email);
    complete(task(), withVariables("reviewDecision", "moreInfo", "reviewComment", "请补充"));
    execute(job("requestMoreInfo"));
    String token = Mails.find(email, "amend=([A-Za-z0-9_-]+)");

    moveClock(Duration.ofDays(14).plusMinutes(1));
    execute(job("amendDeadline"));
    execute(job("mailLapsed"));
    BpmnAwareTests.assertThat(pi).isEnded().hasPassed("applicationLapsed")
        .variables().containsEntry("publisherStatus", "lapsed");
    assertThat(Mails.subjects(email)).last().isEqualTo("您的镜像市场申请已失效");
    assertThatThrownBy(() -> applications.amendmentFor(token)).isInstanceOf(AmendLinkInvalidException.class);
    // a lapsed application frees the company to apply again
    String code = applicationRepository.findByProcessInstanceId(pi.getId()).orElseThrow().getCreditCode();
    assertThat(applicationRepository.findByOpenCreditCode(code)).isEmpty();
  }

  @Test
  void unreachableApplicantIsMailedAndCalledAgainOnTheNextBusinessDay() {
    String email = nextEmail();
    ProcessInstance pi = approve(email);
    complete(task("callApplicant"), withVariables("callOutcome", "unreachable", "callNotes", "no answer"));
    execute(job("mailMissedCall"));
    assertThat(Mails.subjects(email)).contains("我们未能通过电话联系到您");
    BpmnAwareTests.assertThat(pi).isWaitingAt("waitBeforeNextCall");
    moveClock(Duration.ofDays(4));
    execute(job("waitBeforeNextCall"));
    BpmnAwareTests.assertThat(pi).isWaitingAt("callApplicant");
    complete(task("callApplicant"), withVariables("callOutcome", "unreachable", "callNotes", "again"));
    execute(job("mailMissedCall"));
    execute(job("waitBeforeNextCall"));
    complete(task("callApplicant"), withVariables("callOutcome", "unreachable", "callNotes", "third time"));
    joinAccountAndCall(pi);
    // after three attempts the onboarding goes on with the account the applicant has by mail
    BpmnAwareTests.assertThat(pi).isWaitingAt("activatePublishing").variables().containsEntry("callAttempts", 3L);
    assertThat(Mails.subjects(email).stream().filter(s -> s.contains("未能通过电话"))).hasSize(2);
  }

  @Test
  void aWrongPartnerIdComesBackWithTheReasonThenTheRightOneActivates() {
    String email = nextEmail();
    ProcessInstance pi = approve(email);
    complete(task("callApplicant"), withVariables("callOutcome", "reached"));
    joinAccountAndCall(pi);
    complete(task("activatePublishing"), withVariables("credentialType", "partnerId", "credential", "9999999"));
    execute(job("verifyCredential"));
    BpmnAwareTests.assertThat(pi).isWaitingAt("activatePublishing");
    assertThat((String) runtimeService.getVariable(pi.getId(), "activationError")).startsWith("[ACT-2]")
        .contains("合作伙伴目录");
    complete(task("activatePublishing"), withVariables("credentialType", "partnerId", "credential", "7654321"));
    execute(job("verifyCredential"));
    execute(job("activatePublisher"));
    BpmnAwareTests.assertThat(pi).isEnded().variables().containsEntry("publisherStatus", "active");
  }

  @Test
  void noCredentialMailsHowToBuyAzureAndRemindsWeekly() {
    String email = nextEmail();
    ProcessInstance pi = approve(email);
    complete(task("callApplicant"), withVariables("callOutcome", "reached"));
    joinAccountAndCall(pi);
    complete(task("activatePublishing"), withVariables("credentialType", "none"));
    execute(job("verifyCredential"));
    execute(job("mailBuyAzure"));
    assertThat(Mails.subjects(email)).contains("如何购买 Azure 以在镜像市场发布");
    BpmnAwareTests.assertThat(pi).isWaitingAt("activatePublishing");

    moveClock(Duration.ofDays(7).plusMinutes(1));
    execute(job("activationReminder"));
    execute(job("remindActivation"));
    moveClock(Duration.ofDays(7).plusMinutes(1));
    execute(job("activationReminder"));
    execute(job("remindActivation"));
    assertThat(Mails.subjects(email).stream().filter(s -> s.startsWith("提醒"))).hasSize(2);

    complete(task("activatePublishing"), withVariables("credentialType", "azureCustomer",
        "credential", "3f2504e0-4f89-11d3-9a0c-0305e82c3301"));
    execute(job("verifyCredential"));
    execute(job("activatePublisher"));
    BpmnAwareTests.assertThat(pi).isEnded().variables().containsEntry("publisherStatus", "active");
  }

  @Test
  void anOverdueReviewIsEscalatedToTheReviewersAndStaysOpen() {
    User reviewer = identityService.newUser("rev" + (++counter) + System.nanoTime() % 100000);
    reviewer.setEmail(reviewer.getId() + "@staff.example.cn");
    identityService.saveUser(reviewer);
    identityService.createMembership(reviewer.getId(), Groups.REVIEWERS);

    ProcessInstance pi = apply(nextEmail());
    moveClock(Duration.ofDays(6));
    execute(job("reviewOverdue"));
    execute(job("escalateOverdueReview"));
    BpmnAwareTests.assertThat(pi).isWaitingAt("reviewApplication");
    assertThat(Mails.subjects(reviewer.getEmail())).singleElement().asString().startsWith("逾期");
  }

  @Test
  void staffEnterAnApplicationInTasklistsStartForm() {
    String email = nextEmail();
    Map<String, Object> variables = ApplicationFixtures.unique(email).toVariables();
    ProcessInstance pi = runtimeService.startProcessInstanceByKey("publisherOnboarding", variables);
    BpmnAwareTests.assertThat(pi).isWaitingAt("reviewApplication");
    String applicationId = (String) runtimeService.getVariable(pi.getId(), "applicationId");
    assertThat(applicationRepository.findById(applicationId)).hasValueSatisfying(a ->
        assertThat(a.getProcessInstanceId()).isEqualTo(pi.getId()));
  }

  @Test
  void aBadStartFromTasklistIsRefusedWithTheReasonsAndLeavesNoInstance() {
    long before = runtimeService.createProcessInstanceQuery().count();
    Map<String, Object> variables = ApplicationFixtures.unique(nextEmail()).toVariables();
    variables.put("registeredRegion", "CN-HK");
    variables.put("productType", "saas");
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("publisherOnboarding", variables))
        .isInstanceOf(InvalidApplicationException.class)
        .hasMessageContaining("registeredRegion: [APPLY-3]")
        .hasMessageContaining("productType: [SCOPE-1]");
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(before);
  }

  @Test
  void aSecondOpenApplicationForTheSameCompanyIsReviewedAsAPossibleDuplicate() {
    ApplicationForm form = ApplicationFixtures.unique(nextEmail());
    SubmittedApplication first = applications.submit(form);
    SubmittedApplication second = applications.submit(form);
    assertThat(applicationRepository.findById(second.id()).orElseThrow().getDuplicateOf()).isEqualTo(first.id());
    BpmnAwareTests.assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(second.processInstanceId())
        .singleResult()).isWaitingAt("reviewApplication");
    assertThat(runtimeService.getVariable(first.processInstanceId(), "possibleDuplicateOf")).isEqualTo("");
  }

  @Test
  void theEarlierApplicantOfACompanyIsToldOnceOfASecondApplicationThatIsOtherwiseTreatedAsAnyOther() {
    String earlierEmail = nextEmail();
    ApplicationForm earlierForm = ApplicationFixtures.unique(earlierEmail);
    SubmittedApplication earlier = applications.submit(earlierForm);
    String newEmail = nextEmail();
    ApplicationForm newForm = new ApplicationForm("另一家示例有限公司", earlierForm.unifiedSocialCreditCode(), "CN-BJ",
        "北京市海淀区 2 号", "李娜", newEmail, "+86 10 6666 0000", "vm-image", true, "en");
    SubmittedApplication second = applications.submit(newForm);
    ProcessInstance secondPi = runtimeService.createProcessInstanceQuery()
        .processInstanceId(second.processInstanceId()).singleResult();
    String normalEmail = nextEmail();
    ProcessInstance normalPi = apply(normalEmail, "en");

    BpmnAwareTests.assertThat(secondPi).isWaitingAt("reviewApplication", "mailEarlierApplicant");
    BpmnAwareTests.assertThat(normalPi).hasPassed("noEarlierApplication").isWaitingAt("reviewApplication");
    BpmnAwareTests.execute(BpmnAwareTests.job("mailEarlierApplicant", secondPi));
    BpmnAwareTests.assertThat(secondPi).hasPassed("earlierApplicantTold").isWaitingAt("reviewApplication");

    // the earlier contact: one mail in its own language, of its own application, nothing of the new applicant
    List<jakarta.mail.internet.MimeMessage> told = MailServer.to(earlierEmail);
    assertThat(told).hasSize(1);
    assertThat(Mails.subject(told.get(0))).isEqualTo("我们收到了贵公司的另一份申请");
    assertThat(Mails.body(told.get(0))).contains(earlier.id(), earlierForm.companyName(), earlierForm.contactName())
        .doesNotContain(second.id(), newEmail, "李娜", "+86 10 6666 0000", "另一家示例有限公司", "北京");
    assertThat(applicationRepository.findById(second.id()).orElseThrow().getDuplicateOf()).isEqualTo(earlier.id());

    // the new applicant's mails are those of any application: none yet, then the decision alone
    assertThat(Mails.subjects(newEmail)).isEmpty();
    for (ProcessInstance pi : List.of(secondPi, normalPi)) {
      complete(BpmnAwareTests.task("reviewApplication", pi), withVariables("reviewDecision", "reject",
          "reviewComment", "Not a VM image product"));
      execute(job("mailRejection", pi));
      BpmnAwareTests.assertThat(pi).isEnded();
    }
    assertThat(Mails.subjects(newEmail)).isEqualTo(Mails.subjects(normalEmail)).hasSize(1);
    assertThat(MailServer.to(earlierEmail)).as("told once").hasSize(1);
  }

  @Test
  void aStartFromTasklistNamingAnApplicationOrPublisherIsRefusedNamingTheField() {
    Application victim = applicationRepository.findById(applications.submit(ApplicationFixtures.unique(nextEmail())).id())
        .orElseThrow();
    long before = runtimeService.createProcessInstanceQuery().count();
    for (String field : List.of("applicationId", "publisherId")) {
      Map<String, Object> variables = ApplicationFixtures.unique(nextEmail()).toVariables();
      variables.put(field, field.equals("applicationId") ? victim.getId() : "p0123456789");
      assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("publisherOnboarding", variables))
          .isInstanceOf(org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException.class)
          .hasMessageContaining(field);
    }
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(before);
    assertThat(applicationRepository.findById(victim.getId()).orElseThrow().getContactEmail())
        .isEqualTo(victim.getContactEmail());
  }

  private void joinAccountAndCall(ProcessInstance pi) {
    Jobs.joinAccountAndCall(processEngine, pi);
  }

  private ProcessInstance approve(String email) {
    ProcessInstance pi = apply(email);
    complete(task(), withVariables("reviewDecision", "approve"));
    execute(job("mailApproval"));
    execute(job("issueAccount"));
    return pi;
  }

  private ProcessInstance apply(String email) {
    return apply(email, "zh-CN");
  }

  private ProcessInstance apply(String email, String language) {
    SubmittedApplication submitted =
        applications.submit(ApplicationFixtures.inLanguage(ApplicationFixtures.unique(email), language));
    ProcessInstance pi =
        runtimeService.createProcessInstanceQuery().processInstanceId(submitted.processInstanceId()).singleResult();
    BpmnAwareTests.assertThat(pi).isWaitingAt("reviewApplication");
    return pi;
  }

  private static String nextEmail() {
    return "isv" + (++counter) + "-" + System.nanoTime() + "@example.cn";
  }

  private static void moveClock(Duration duration) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    ClockUtil.setCurrentTime(Date.from(now.plus(duration)));
  }
}
