package cn.marketplace.onboarding.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import cn.marketplace.onboarding.application.ApplicationFixtures;
import cn.marketplace.onboarding.application.ApplicationForm;
import cn.marketplace.onboarding.application.ApplicationService;
import cn.marketplace.onboarding.testsupport.Jobs;
import cn.marketplace.onboarding.testsupport.MailServer;
import cn.marketplace.onboarding.testsupport.Mails;
import cn.marketplace.onboarding.testsupport.OnboardingSpringTest;
import cn.marketplace.onboarding.testsupport.SecretScanner;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A whole onboarding with its two secrets, the one-time amendment token and the initial password,
 * followed by a search for both in every table, the log output and every other mail.
 */
@OnboardingSpringTest
@ExtendWith(OutputCaptureExtension.class)
class SecretLeakTest {

  @Autowired ProcessEngine processEngine;
  @Autowired ApplicationService applications;
  @Autowired DataSource dataSource;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    MailServer.purge();
  }

  @Test
  void theAmendTokenAndTheInitialPasswordAreOnlyInTheirOwnMails(CapturedOutput output) {
    String email = "secrets-" + UUID.randomUUID() + "@example.cn";
    ProcessInstance pi = processEngine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceId(applications.submit(ApplicationFixtures.unique(email)).processInstanceId()).singleResult();
    complete(task(pi), withVariables("reviewDecision", "moreInfo", "reviewComment", "请补充"));
    execute(job("requestMoreInfo", pi));
    String token = Mails.find(email, "amend=([A-Za-z0-9_-]+)");
    ApplicationForm form = applications.amendmentFor(token);
    applications.amend(token, form);

    complete(task(pi), withVariables("reviewDecision", "approve"));
    execute(job("mailApproval", pi));
    execute(job("issueAccount", pi));
    String password = Mails.find(email, "初始密码：(\\S+)");
    complete(task("callApplicant", pi), withVariables("callOutcome", "reached"));
    Jobs.joinAccountAndCall(processEngine, pi);
    complete(task("activatePublishing", pi), withVariables("credentialType", "partnerId", "credential", "1234567"));
    execute(job("verifyCredential", pi));
    execute(job("activatePublisher", pi));
    BpmnAwareTests.assertThat(pi).isEnded();

    List<MimeMessage> mails = MailServer.to(email);
    assertThat(mails).hasSizeGreaterThanOrEqualTo(4);
    SecretScanner scanner = new SecretScanner().secret("amend token", token).secret("initial password", password)
        .scanDatabase(dataSource)
        .scanText("log output", output.getAll())
        .scanMails(mails.stream().filter(mail -> !carries(mail, "more-info") && !carries(mail, "account-issued")).toList());
    assertThat(scanner.columnsScanned()).isGreaterThan(100);
    assertThat(scanner.findings()).isEmpty();
    // each secret did reach its one mail: the scanner would have found it there
    assertThat(new SecretScanner().secret("amend token", token).secret("initial password", password)
        .scanMails(mails).findings()).hasSize(2);
  }

  private static boolean carries(MimeMessage mail, String template) {
    try {
      String[] key = mail.getHeader("X-Onboarding-Key");
      return key != null && key[0].contains(template);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
