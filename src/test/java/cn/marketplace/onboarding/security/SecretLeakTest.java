package cn.marketplace.onboarding.security;

import static cn.marketplace.onboarding.submission.vhd.VhdFooters.GIB;
import cn.marketplace.onboarding.process.OfferReleaseProcess;
import cn.marketplace.onboarding.process.ImageCertification;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import cn.marketplace.onboarding.account.Publisher;
import cn.marketplace.onboarding.application.ApplicationFixtures;
import cn.marketplace.onboarding.application.ApplicationForm;
import cn.marketplace.onboarding.application.ApplicationService;
import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.submission.vhd.VhdFooters;
import cn.marketplace.onboarding.submission.SubmissionFixtures;
import cn.marketplace.onboarding.release.ReleaseFixtures;
import cn.marketplace.onboarding.testsupport.Azurite;
import cn.marketplace.onboarding.testsupport.Jobs;
import cn.marketplace.onboarding.testsupport.MailServer;
import cn.marketplace.onboarding.testsupport.Mails;
import cn.marketplace.onboarding.testsupport.OnboardingSpringTest;
import cn.marketplace.onboarding.testsupport.PartnerIds;
import cn.marketplace.onboarding.testsupport.SampleVmServer;
import cn.marketplace.onboarding.testsupport.SecretScanner;
import cn.marketplace.onboarding.testsupport.StaffUsers;
import cn.marketplace.onboarding.testsupport.TestKeys;
import jakarta.mail.internet.MimeMessage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every process with marker secrets, then a search for them in every table, the log output and
 * every mail. The publisher onboarded here (with its one-time amendment token and initial password)
 * submits an image whose disks carry SAS signatures and whose VM is reached first with a password,
 * then, after a fix, with a private key; the image is certified and its offer released. The mail
 * sender logs in to the SMTP server with a marker password of this context's own (GreenMail checks
 * it), so the context starts inside the captured output and its start-up log is searched too, for
 * that password and for the administrator's initial password the start wrote to its file.
 */
@OnboardingSpringTest
@ExtendWith(OutputCaptureExtension.class)
class SecretLeakTest {

  private static final String SMTP_USER = "onboarding-smtp";
  private static final String SMTP_PASSWORD = "Smtp-Marker-" + UUID.randomUUID();
  private static final Pattern SIGNATURE = Pattern.compile("[?&]sig=([^&]+)");
  private static final String SUPPORT_USER = "support-secrets";
  private static final Azurite azurite = Azurite.instance();
  @AutoClose
  private static final SampleVmServer vm = SampleVmServer.start(TestKeys.ed25519());

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired ApplicationService applications;
  @Autowired DataSource dataSource;
  /** Where this context's start, on its own empty database, wrote the administrator's initial password. */
  @Value("${onboarding.admin.initial-password-file}") Path adminPasswordFile;

  /** The mail sender authenticates (mail.smtp.auth) as a GreenMail user whose password is the marker. */
  @DynamicPropertySource
  static void smtpPassword(DynamicPropertyRegistry registry) {
    MailServer.get().setUser(SMTP_USER + "@localhost", SMTP_USER, SMTP_PASSWORD);
    registry.add("spring.mail.username", () -> SMTP_USER);
    registry.add("spring.mail.password", () -> SMTP_PASSWORD);
    registry.add("spring.mail.properties.mail.smtp.auth", () -> "true");
  }

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    MailServer.purge();
  }

  @AfterEach
  void tearDown() {
    identityService.clearAuthentication();
    ClockUtil.reset();
  }

  @Test
  void noSecretOfAnyProcessIsInATableALogLineOrAMailItDoesNotBelongIn(CapturedOutput output) throws Exception {
    String adminPassword = Files.readString(adminPasswordFile).strip();
    // publisherOnboarding: the amendment token and the initial password
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
    complete(task("activatePublishing", pi), withVariables("credentialType", "partnerId", "credential", PartnerIds.unused()));
    execute(job("verifyCredential", pi));
    execute(job("activatePublisher", pi));
    BpmnAwareTests.assertThat(pi).isEnded();
    String publisherId = identityService.createUserQuery().userEmail(email).singleResult().getId();

    // imageCertification by that publisher: SAS signatures on every disk, the VM's password, and
    // after a fix its private key, through to imageCertified
    String container = azurite.createContainer();
    vm.serve("ubuntu-22.04-good");
    String os = vhd(container, "os.vhd", 30 * GIB);
    String data0 = vhd(container, "data0.vhd", 10 * GIB);
    ProcessInstance image = startAs(publisherId, ImageCertification.KEY, SubmissionFixtures.variables(
        SubmissionFixtures.with(SubmissionFixtures.onSampleVm(vm, SubmissionFixtures.linux(os, "0=" + data0)),
            "version", "1.0")));
    execute(job("checkSubmission", image));
    BpmnAwareTests.assertThat(image).isWaitingAt("fixSubmission");
    TestKeys.ClientKey key = TestKeys.openSsh(TestKeys.ed25519(), null);
    vm.authorize(key.publicKey());
    String fixedData0 = vhd(container, "data0-fixed.vhd", 10 * GIB);
    complete(task(image), withVariables("version", "1.0.0", "dataDiskUris", "0=" + fixedData0, "vmPrivateKey",
        key.privateKeyText()));
    execute(job("checkSubmission", image));
    execute(job("runLinuxCertification", image));
    complete(task(image), SubmissionFixtures.completeQuestionnaire());
    execute(job("storeCertificationReport", image));
    BpmnAwareTests.assertThat(image).isEnded().hasPassed("imageCertified");

    // offerRelease of that offer, through review, staging and its scheduled time to released
    StaffUsers.ensure(identityService, SUPPORT_USER, Groups.SUPPORT, "Support-Passw0rd!x7q");
    ProcessInstance release = startAs(publisherId, OfferReleaseProcess.KEY, ReleaseFixtures.byolContent());
    as(SUPPORT_USER, Groups.SUPPORT, () -> complete(task(release), withVariables("reviewDecision", "approve")));
    runAsyncSteps(release);
    complete(task(release), withVariables("stagingDecision", "requestProduction", "preferredWindow", "next week"));
    String releaseAt = OffsetDateTime.of(LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(7)
        .with(TemporalAdjusters.next(DayOfWeek.TUESDAY)), LocalTime.of(10, 0), ZoneOffset.ofHours(8)).toString();
    as(SUPPORT_USER, Groups.SUPPORT, () -> complete(task(release), withVariables("releaseAt", releaseAt)));
    runAsyncSteps(release);
    Job releaseTime = managementService.createJobQuery().processInstanceId(release.getId()).timers().singleResult();
    ClockUtil.setCurrentTime(new Date(releaseTime.getDuedate().getTime() + 60_000));
    managementService.executeJob(releaseTime.getId());
    runAsyncSteps(release);
    BpmnAwareTests.assertThat(release).isEnded().hasPassed("offerReleased").variables()
        .containsEntry("releaseStatus", "released");

    // the search: every table, the log since this context started, every mail of the run
    List<MimeMessage> mails = Arrays.asList(MailServer.get().getReceivedMessages());
    assertThat(mails).hasSizeGreaterThanOrEqualTo(8);
    Predicate<MimeMessage> ownMail = mail -> carries(mail, "more-info") || carries(mail, "account-issued");
    // the log holds this context's start (where the administrator was created), not only the test's
    assertThat(output.getAll()).contains("Created administrator 'admin'");
    SecretScanner scanner = withMarkers(new SecretScanner().secret("amend token", token)
        .secret("initial password", password).secret("admin initial password", adminPassword),
        os, data0, fixedData0, key.privateKeyText())
        .scanDatabase(dataSource)
        .scanText("log output", output.getAll())
        .scanMails(mails.stream().filter(ownMail.negate()).toList());
    assertThat(scanner.columnsScanned()).isGreaterThan(100);
    assertThat(scanner.findings()).isEmpty();
    // the token's and the password's own mails hold nothing else: no SAS, VM or SMTP secret
    List<MimeMessage> own = mails.stream().filter(ownMail).toList();
    assertThat(own).hasSize(2);
    assertThat(withMarkers(new SecretScanner(), os, data0, fixedData0, key.privateKeyText()).scanMails(own)
        .findings()).isEmpty();
    // each secret did reach its one mail: the scanner would have found it there
    assertThat(new SecretScanner().secret("amend token", token).secret("initial password", password)
        .scanMails(own).findings()).hasSize(2);
  }

  /** The SAS signatures (as sent and URL-decoded), the VM password, every line of the key, the SMTP password. */
  private static SecretScanner withMarkers(SecretScanner scanner, String os, String data0, String fixedData0,
      String privateKeyText) {
    int n = 0;
    for (String uri : List.of(os, data0, fixedData0)) {
      n++;
      scanner.secret("SAS signature " + n, signature(uri, false)).secret("SAS signature " + n + " decoded",
          signature(uri, true));
    }
    scanner.secret("VM password", SampleVmServer.PASSWORD).secret("SMTP password", SMTP_PASSWORD);
    List<String> keyLines = privateKeyText.lines().filter(l -> !l.startsWith("-----") && l.length() >= 16).toList();
    assertThat(keyLines).isNotEmpty();
    for (int i = 0; i < keyLines.size(); i++) {
      scanner.secret("private key line " + (i + 1), keyLines.get(i));
    }
    return scanner;
  }

  private ProcessInstance startAs(String publisherId, String processKey, Map<String, Object> variables) {
    identityService.setAuthentication(publisherId, List.of(Groups.PUBLISHERS, Publisher.groupOf(publisherId)));
    try {
      return runtimeService.startProcessInstanceByKey(processKey, new HashMap<>(variables));
    } finally {
      identityService.clearAuthentication();
    }
  }

  private void as(String userId, String group, Runnable step) {
    identityService.setAuthentication(userId, List.of(group));
    try {
      step.run();
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** Runs the instance's asynchronous steps (not its timers) until it waits for a person or a timer. */
  private void runAsyncSteps(ProcessInstance pi) {
    List<Job> jobs;
    while (!(jobs = managementService.createJobQuery().processInstanceId(pi.getId()).messages().list()).isEmpty()) {
      jobs.forEach(job -> managementService.executeJob(job.getId()));
    }
  }

  /** A sparse fixed VHD in Azurite and its SAS URI; Azurite judges SAS times by the real clock. */
  private static String vhd(String container, String name, long virtualSize) {
    azurite.sparsePageBlob(container, name, virtualSize, VhdFooters.fixed(virtualSize).toBytes());
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return azurite.sasUri(container, name, "rl", now.minusHours(1), now.plusDays(30));
  }

  private static String signature(String sasUri, boolean decoded) {
    Matcher matcher = SIGNATURE.matcher(sasUri);
    assertThat(matcher.find()).isTrue();
    return decoded ? URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8) : matcher.group(1);
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
