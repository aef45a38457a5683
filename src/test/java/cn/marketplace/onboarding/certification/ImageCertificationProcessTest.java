package cn.marketplace.onboarding.certification;

import cn.marketplace.onboarding.catalog.ImageVersion;
import cn.marketplace.onboarding.process.ImageCertification;
import cn.marketplace.onboarding.catalog.ImageVersionRepository;
import cn.marketplace.onboarding.catalog.OfferRepository;
import cn.marketplace.onboarding.catalog.Sku;
import cn.marketplace.onboarding.catalog.SkuRepository;
import cn.marketplace.onboarding.submission.StorageUnavailableException;
import cn.marketplace.onboarding.submission.Submission;
import cn.marketplace.onboarding.submission.SubmissionFixtures;
import cn.marketplace.onboarding.submission.SubmissionForm;
import cn.marketplace.onboarding.submission.SubmissionRefusedException;
import cn.marketplace.onboarding.submission.SubmissionRepository;
import cn.marketplace.onboarding.submission.SubmissionService;
import cn.marketplace.onboarding.submission.SubmissionStatus;
import cn.marketplace.onboarding.submission.TestPublishers;
import static cn.marketplace.onboarding.submission.vhd.VhdFooters.GIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import cn.marketplace.onboarding.account.AccountService;
import cn.marketplace.onboarding.application.ApplicationService;
import cn.marketplace.onboarding.certification.policy.PolicySchedule;
import cn.marketplace.onboarding.certification.policy.SubmissionPolicies;
import cn.marketplace.onboarding.certification.report.CertificationReport;
import cn.marketplace.onboarding.certification.report.CertificationReportView;
import cn.marketplace.onboarding.certification.report.ReportViews;
import cn.marketplace.onboarding.certification.report.Questionnaire;
import cn.marketplace.onboarding.engine.AuthorizationGrants;
import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.submission.vhd.VhdFooters;
import cn.marketplace.onboarding.submission.TestPublishers.TestPublisher;
import cn.marketplace.onboarding.rules.FindingView;
import cn.marketplace.onboarding.rules.PolicyRef;
import cn.marketplace.onboarding.rules.Result;
import cn.marketplace.onboarding.rules.RuleId;
import cn.marketplace.onboarding.testsupport.Azurite;
import cn.marketplace.onboarding.testsupport.MailServer;
import cn.marketplace.onboarding.testsupport.Mails;
import cn.marketplace.onboarding.testsupport.OnboardingSpringTest;
import cn.marketplace.onboarding.testsupport.SampleVmServer;
import cn.marketplace.onboarding.testsupport.TestKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every path of {@code imageCertification} against real VHDs in Azurite and real SSH to sample VMs,
 * started the way Tasklist's start form does (all fields as variables, by an authenticated publisher
 * user); timers by moving the clock. Azurite judges SAS times by the real clock, so the SAS times come
 * from it. Reports are published to Azurite too, and read back.
 */
@OnboardingSpringTest
class ImageCertificationProcessTest {

  private static final Azurite azurite = Azurite.instance();
  private static final Pattern SIGNATURE = Pattern.compile("[?&]sig=([^&]+)");
  /** The ISV's certification VM: a sample VM over real SSH, switched per test with {@code serve}. */
  @AutoClose
  private static final SampleVmServer vm = SampleVmServer.start(TestKeys.ed25519());

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;
  @Autowired ApplicationService applications;
  @Autowired AccountService accounts;
  @Autowired AuthorizationGrants grants;
  @Autowired SubmissionService submissions;
  @Autowired SubmissionRepository submissionRows;
  @Autowired ImageVersionRepository versions;
  @Autowired SkuRepository skus;
  @Autowired OfferRepository offers;
  @Autowired DataSource dataSource;
  @Autowired ReportViews reportViews;
  @Autowired SubmissionPolicies submissionPolicies;
  @Autowired PolicySchedule policySchedule;

  private TestPublishers publishers;
  private String container;
  private final OffsetDateTime anHourAgo = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1);
  private final OffsetDateTime inThirtyDays = OffsetDateTime.now(ZoneOffset.UTC).plusDays(30);

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    MailServer.purge();
    publishers = new TestPublishers(applications, accounts, identityService);
    container = azurite.createContainer();
  }

  @AfterEach
  void tearDown() {
    identityService.clearAuthentication();
    ClockUtil.reset();
  }

  @Test
  void aFailingSubmissionIsFixedAndItsVhdsAccepted() {
    TestPublisher isv = publishers.active();
    String os = vhd("os.vhd", 30 * GIB);
    String data0 = vhd("data0.vhd", 10 * GIB);
    String data2 = vhd("data2.vhd", 10 * GIB);
    SubmissionForm bad = SubmissionFixtures.with(SubmissionFixtures.linux(os, "0=" + data0 + "\n2=" + data2),
        "pricingModel", "paid");

    ProcessInstance pi = startAs(isv, bad);
    assertThat(runtimeService.getVariables(pi.getId())).doesNotContainKeys(formFieldsButTheOffer())
        .containsKeys("submissionId", "publisherId").containsEntry("offerId", "contoso-db");
    BpmnAwareTests.assertThat(pi).isWaitingAt("checkSubmission");
    execute(job("checkSubmission", pi));

    BpmnAwareTests.assertThat(pi).isWaitingAt("fixSubmission");
    assertThat(task(pi).getDueDate()).isAfter(ClockUtil.getCurrentTime());
    assertThat(taskService.getIdentityLinksForTask(task(pi).getId()))
        .anyMatch(link -> isv.group().equals(link.getGroupId()));
    Map<String, Object> form = shownOn(task(pi).getId());
    assertThat(form).containsEntry("offerId", "contoso-db").containsEntry("pricingModel", "paid")
        .doesNotContainKeys("osVhdUri", "dataDiskUris", "vmPassword");
    assertThat((String) form.get("findingsSummary")).contains("[PRICE-1] pricingModel", "[SUB-2] lun1")
        .doesNotContain("[SAS-8]", "[LNX-SIZE-1]");
    assertThat((String) form.get("currentSasUris")).contains("osVhd: ", "lun0: ", "lun2: ", "sig=***")
        .doesNotContain(signature(os));
    String submissionId = (String) runtimeService.getVariable(pi.getId(), "submissionId");
    assertThat(submissions.statusFor(submissionId, List.of(isv.group()), false).status()).isEqualTo("NEEDS_FIX");

    // the ISV changes what was wrong; everything else, secrets included, stays as it was
    String data1 = vhd("data1.vhd", 10 * GIB);
    complete(task(pi), withVariables("pricingModel", "byol", "dataDiskUris", "0=" + data0 + "\n1=" + data1,
        "osVhdUri", "", "vmPassword", ""));
    assertThat(runtimeService.getVariables(pi.getId())).doesNotContainKeys(formFieldsButTheOffer());
    execute(job("checkSubmission", pi));

    BpmnAwareTests.assertThat(pi).hasPassed("acceptVhds").isWaitingAt("runLinuxCertification")
        .variables().containsEntry("vhdsAccepted", true).containsEntry("imageOsFamily", "linux");
    SubmissionStatus status = submissions.statusFor(submissionId, List.of(), true);
    assertThat(status.status()).isEqualTo("VHDS_ACCEPTED");
    assertThat(status.findings()).noneMatch(f -> f.failed())
        .extracting(f -> f.subject()).contains("osVhd", "lun0", "lun1", "pricingModel");
    assertThat(versions.findAll()).filteredOn(v -> v.getSubmissionId().equals(submissionId)).singleElement()
        .satisfies(v -> {
          assertThat(v.getVersion()).isEqualTo("1.0.0");
          Sku sku = skus.findById(v.getSkuRef()).orElseThrow();
          assertThat(sku.getSkuId()).isEqualTo("standard-2026");
          assertThat(sku.getPricingModel()).isEqualTo("byol");
          assertThat(offers.findById(sku.getOfferRef()).orElseThrow().getOfferId()).isEqualTo("contoso-db");
        });
  }

  @Test
  void aLinuxOsDiskOver50GbGoesToSupportWhoMaySendItBackOrApprove() {
    TestPublisher isv = publishers.active();
    ProcessInstance pi = startAs(isv, SubmissionFixtures.linux(vhd("big.vhd", 60 * GIB), null));
    execute(job("checkSubmission", pi));

    BpmnAwareTests.assertThat(pi).isWaitingAt("reviewImageSize");
    assertThat(taskService.getIdentityLinksForTask(task(pi).getId()))
        .anyMatch(link -> Groups.SUPPORT.equals(link.getGroupId()));
    assertThat((String) shownOn(task(pi).getId()).get("findingsSummary")).contains("[LNX-SIZE-1] osVhd");
    complete(task(pi), withVariables("reviewDecision", "reject", "reviewComment", "Please keep the OS disk at 50 GB"));

    BpmnAwareTests.assertThat(pi).isWaitingAt("fixSubmission").variables()
        .containsEntry("reviewComment", "Please keep the OS disk at 50 GB");
    String submissionId = (String) runtimeService.getVariable(pi.getId(), "submissionId");
    assertThat(submissions.statusFor(submissionId, List.of(), true).status()).isEqualTo("NEEDS_FIX");
    complete(task(pi), withVariables("osVhdUri", vhd("still-big.vhd", 64 * GIB)));
    execute(job("checkSubmission", pi));

    BpmnAwareTests.assertThat(pi).isWaitingAt("reviewImageSize");
    complete(task(pi), withVariables("reviewDecision", "approve", "reviewComment", "Needed for the bundled data set"));
    BpmnAwareTests.assertThat(pi).hasPassed("acceptVhds").isWaitingAt("runLinuxCertification").variables()
        .containsEntry("vhdsAccepted", true);
  }

  @Test
  void theIsvIsRemindedTwoBusinessDaysBeforeItsSasExpires() {
    TestPublisher isv = publishers.active();
    String os = vhd("os.vhd", 30 * GIB);
    ProcessInstance pi = startAs(isv, SubmissionFixtures.with(SubmissionFixtures.linux(os, null), "version", "1.0"));
    execute(job("checkSubmission", pi));
    BpmnAwareTests.assertThat(pi).isWaitingAt("fixSubmission");
    String submissionId = (String) runtimeService.getVariable(pi.getId(), "submissionId");
    assertThat(submissionRows.findById(submissionId).orElseThrow().sasExpiresAt())
        .contains(inThirtyDays.toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));

    Job timer = processEngine.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers()
        .activityId("fixSasExpiring").singleResult();
    assertThat(timer.getDuedate()).isBefore(java.util.Date.from(inThirtyDays.toInstant()))
        .isAfter(java.util.Date.from(inThirtyDays.minusDays(7).toInstant()));
    ClockUtil.setCurrentTime(new java.util.Date(timer.getDuedate().getTime() + 60_000));
    execute(timer);
    execute(job("remindSasExpiry", pi));

    BpmnAwareTests.assertThat(pi).isWaitingAt("fixSubmission");
    assertThat(Mails.subjects(isv.email())).filteredOn(s -> s.contains("SAS URI")).hasSize(1);
    List<jakarta.mail.internet.MimeMessage> received = MailServer.to(isv.email());
    String body = Mails.body(received.get(received.size() - 1));
    assertThat(body).contains("contoso-db-standard-2026", "sig=***").doesNotContain(signature(os))
        .contains(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .format(inThirtyDays.atZoneSameInstant(java.time.ZoneId.of("Asia/Shanghai"))));
  }

  @Test
  void aStartCannotClaimAnotherStarterOrNameAnotherPublishersSubmission() {
    TestPublisher victim = publishers.active();
    TestPublisher attacker = publishers.active();
    ProcessInstance victims = startAs(victim, SubmissionFixtures.linux(vhd("os.vhd", 30 * GIB), null));
    String victimSubmission = submissionIdOf(victims);
    String victimOffer = submissionRows.findById(victimSubmission).orElseThrow().getOfferName();
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey(ImageCertification.KEY).count();

    Map<String, Object> asVictim = new HashMap<>(SubmissionFixtures.variables(
        SubmissionFixtures.linux(vhd("os.vhd", 30 * GIB), null)));
    asVictim.put("submittedBy", victim.id());
    identityService.setAuthentication(attacker.id(), List.of(Groups.PUBLISHERS, attacker.group()));
    try {
      assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(ImageCertification.KEY, asVictim))
          .isInstanceOf(org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException.class)
          .hasMessageContaining("submittedBy");
      for (String field : List.of("submissionId", "publisherId")) {
        Map<String, Object> naming = new HashMap<>(SubmissionFixtures.variables(
            SubmissionFixtures.linux(vhd("os.vhd", 30 * GIB), null)));
        naming.put("offerName", "Renamed by an attacker");
        naming.put(field, field.equals("submissionId") ? victimSubmission : victim.id());
        assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(ImageCertification.KEY, naming))
            .isInstanceOf(org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException.class)
            .hasMessageContaining(field);
      }
    } finally {
      identityService.clearAuthentication();
    }
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(ImageCertification.KEY).count())
        .isEqualTo(before);
    assertThat(submissionRows.findById(victimSubmission).orElseThrow().getOfferName()).isEqualTo(victimOffer);
    assertThat(submissionRows.findById(victimSubmission).orElseThrow().getPublisherId()).isEqualTo(victim.id());
  }

  @Test
  void aStepWhoseSubmissionVariableWasChangedStopsAndTouchesNothing() {
    TestPublisher victim = publishers.active();
    TestPublisher attacker = publishers.active();
    String victimSubmission = submissionIdOf(startAs(victim, SubmissionFixtures.linux(vhd("os.vhd", 30 * GIB), null)));
    ProcessInstance own = startAs(attacker, SubmissionFixtures.linux(vhd("os.vhd", 30 * GIB), null));
    var statusBefore = submissionRows.findById(victimSubmission).orElseThrow().getStatus();
    runtimeService.setVariable(own.getId(), "submissionId", victimSubmission);
    var managementService = processEngine.getManagementService();
    var job = managementService.createJobQuery().processInstanceId(own.getId()).singleResult();
    assertThatThrownBy(() -> managementService.executeJob(job.getId()))
        .hasMessageContaining("submissionId").hasMessageContaining("refusing the step");
    assertThat(submissionRows.findById(victimSubmission).orElseThrow().getStatus()).isEqualTo(statusBefore);
  }

  @Test
  void aPublisherThatIsNotActiveCannotSubmit() {
    TestPublisher inactive = publishers.issued();
    Map<String, Object> variables = SubmissionFixtures.variables(SubmissionFixtures.linux(vhd("os.vhd", 30 * GIB), null));
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey(ImageCertification.KEY).count();

    // the engine refuses the start: the publisher was never granted the right (ACCT-2)
    identityService.setAuthentication(inactive.id(), List.of(Groups.PUBLISHERS, inactive.group()));
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(ImageCertification.KEY, variables))
        .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
    identityService.clearAuthentication();

    // and should a grant exist by mistake, the first step refuses it all the same
    grants.grantGroup(inactive.group(), Resources.PROCESS_DEFINITION, ImageCertification.KEY,
        ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE);
    grants.grantGroup(inactive.group(), Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
    identityService.setAuthentication(inactive.id(), List.of(Groups.PUBLISHERS, inactive.group()));
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(ImageCertification.KEY, variables))
        .isInstanceOf(SubmissionRefusedException.class).hasMessageContaining("[ACCT-2]")
        .hasMessageContaining(inactive.id());
    identityService.clearAuthentication();
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(ImageCertification.KEY).count())
        .isEqualTo(before);
  }

  @Test
  void secretsReachNoVariableNoHistoryAndNoReportThroughAFullCertification() {
    TestPublisher isv = publishers.active();
    vm.serve("ubuntu-22.04-good");
    String os = vhd("os.vhd", 30 * GIB);
    String data0 = vhd("data0.vhd", 10 * GIB);
    SubmissionForm form = SubmissionFixtures.with(
        SubmissionFixtures.onSampleVm(vm, SubmissionFixtures.linux(os, "0=" + data0)), "version", "1.0");
    ProcessInstance pi = startAs(isv, form);
    execute(job("checkSubmission", pi));
    // the fix changes the data disk and the login: a private key from now on
    TestKeys.ClientKey key = TestKeys.openSsh(TestKeys.ed25519(), null);
    vm.authorize(key.publicKey());
    String fixedData0 = vhd("data0-fixed.vhd", 10 * GIB);
    complete(task(pi), withVariables("version", "1.0.0", "dataDiskUris", "0=" + fixedData0, "vmPrivateKey",
        key.privateKeyText()));
    execute(job("checkSubmission", pi));
    execute(job("runLinuxCertification", pi));
    complete(task(pi), answers());
    execute(job("storeCertificationReport", pi));
    BpmnAwareTests.assertThat(pi).isEnded().hasPassed("imageCertified");

    String submissionId = submissionIdOf(pi);
    assertThat(submissionRows.findById(submissionId).orElseThrow().holdsVmCredentials()).isFalse();
    List<String> secrets = List.of(signature(os), signature(data0), signature(fixedData0), SampleVmServer.PASSWORD,
        keyMarker(key.privateKeyText()));
    List<String> leaks = tablesContaining(secrets);
    assertThat(leaks).as("engine, submission and certification tables holding a secret in clear").isEmpty();
    CertificationReportView report = reportViews.latest(submissionId, Locale.ENGLISH).orElseThrow();
    assertThat(List.of(publishedReport(report.published().json()), publishedReport(report.published().html())))
        .allSatisfy(document -> assertThat(secrets).noneMatch(document::contains));
    // full history keeps a variable that was created and removed in one command, marked deleted, with
    // its value: what keeps the secrets out is the history filter, not the removal
    var history = processEngine.getHistoryService();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).variableName("version")
        .includeDeleted().list()).anyMatch(v -> "DELETED".equals(v.getState()) && "1.0".equals(v.getValue()));
    for (String secret : SubmissionForm.SECRET_FIELDS) {
      assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).variableName(secret)
          .includeDeleted().count()).as(secret).isZero();
    }
    // the search does read history and our tables: the start form's offer (history keeps it, removed), the
    // stored findings (a column of the submission and of the report) and the report's host key are found
    assertThat(tablesContaining(List.of("contoso-db", "[SUB-1] version", "data0-fixed.vhd",
        report.run().hostKeyFingerprint())))
        .contains("ACT_HI_VARINST", "SUBMISSION", "CERTIFICATION_REPORT");
  }

  @Test
  void aLinuxImageIsCertifiedAfterItsQuestionnaireAndItsReportIsStoredAndPublished() {
    TestPublisher isv = publishers.active();
    vm.serve("ubuntu-22.04-good");
    ProcessInstance pi =
        startAs(isv, SubmissionFixtures.onSampleVm(vm, SubmissionFixtures.linux(vhd("os.vhd", 30 * GIB), null)));
    execute(job("checkSubmission", pi));
    BpmnAwareTests.assertThat(pi).as("SUB-3: the submission itself requests the certification")
        .isWaitingAt("runLinuxCertification");
    execute(job("runLinuxCertification", pi));

    BpmnAwareTests.assertThat(pi).isWaitingAt("answerQuestionnaire");
    assertThat(taskService.getIdentityLinksForTask(task(pi).getId()))
        .anyMatch(link -> isv.group().equals(link.getGroupId()));
    assertThat(task(pi).getDueDate()).isAfter(ClockUtil.getCurrentTime());
    Map<String, Object> shown = shownOn(task(pi).getId());
    assertThat(shown).containsEntry("osFamily", "linux").containsEntry("warningCount", 0)
        .containsEntry("warningsSummary", "没有测试给出警告。").doesNotContainKey("warning1");
    assertThat((String) shown.get("distribution")).contains("Ubuntu 22.04");
    String submissionId = submissionIdOf(pi);
    assertThat(submissions.statusFor(submissionId, List.of(isv.group()), false).status()).isEqualTo("QUESTIONNAIRE");

    Map<String, Object> answers = answers();
    answers.put("additionalNotes", "<script>alert('x')</script> & more");
    answers.put("kernelCustomisation", "patched");
    answers.put("kernelDetails", "5.15 with the distribution's storvsc fixes");
    complete(task(pi), answers);
    BpmnAwareTests.assertThat(pi).isWaitingAt("storeCertificationReport");
    execute(job("storeCertificationReport", pi));

    BpmnAwareTests.assertThat(pi).as("IMG-1: an image uploaded to storage and submitted with its request is certified")
        .isEnded().hasPassed("imageCertified").variables()
        .containsEntry("certified", true).containsKey("certificationReportId");
    CertificationReportView report = reportViews.latest(submissionId, Locale.ENGLISH).orElseThrow();
    assertThat(report.reportId()).isEqualTo(historicVariable(pi, "certificationReportId"));
    assertThat(report.status()).isEqualTo(CertificationReport.Status.CERTIFIED);
    assertThat(report.certifiedAt()).isNotNull();
    assertThat(report.image().version()).isEqualTo("1.0.0");
    assertThat(report.run().distribution()).contains("Ubuntu 22.04");
    assertThat(report.run().roundTrips()).isEqualTo(1);
    assertThat(report.run().totalMillis()).isNotNull();
    assertThat(report.run().hostKeyFingerprint()).startsWith("SHA256:");
    assertThat(report.run().hostKeyFirstSeen()).isTrue();
    assertThat(report.findings()).noneMatch(f -> f.result() == Result.FAIL)
        .anySatisfy(f -> {
          assertThat(f.ruleId()).isEqualTo("CERT-2");
          assertThat(f.evidence()).contains(report.run().hostKeyFingerprint());
        })
        .extracting(FindingView::ruleId).contains("LNX-AGENT-1", "LNX-SSH-1", "LNX-GEN-2", "CERT-3");
    assertThat(report.questionnaire()).containsKeys("generalAssessment", "kernelCustomisation", "warningExplanations");

    Submission submission = submissionRows.findById(submissionId).orElseThrow();
    assertThat(submission.getStatus()).isEqualTo(Submission.Status.CERTIFIED);
    assertThat(submission.holdsVmCredentials()).isFalse();
    assertThat(submission.getVmHostKey()).isEqualTo(report.run().hostKeyFingerprint());
    assertThat(versions.findBySubmissionId(submissionId)).get().extracting(ImageVersion::getStatus)
        .isEqualTo(ImageVersion.Status.CERTIFIED);

    JsonNode json = readJson(publishedReport(report.published().json()));
    assertThat(json.get("reportId").asText()).isEqualTo(report.reportId());
    assertThat(json.get("status").asText()).isEqualTo("CERTIFIED");
    assertThat(json.at("/run/hostKeyFingerprint").asText()).isEqualTo(report.run().hostKeyFingerprint());
    assertThat(json.at("/questionnaire/kernelCustomisation/kernelDetails").asText()).contains("storvsc");
    assertThat(json.at("/questionnaire/generalAssessment/" + ImageCertification.SECURITY_GUIDANCE_FOLLOWED).asText())
        .as("LNX-SEC-2: the publisher confirms the security guidance in the questionnaire").isEqualTo("yes");
    assertThat(json.at("/questionnaire/generalAssessment/" + ImageCertification.SOFTWARE_LICENSED).asText())
        .as("PRICE-4: the publisher confirms in the questionnaire that the software may be distributed").isEqualTo("yes");
    assertThat(json.get("findings")).hasSize(report.findings().size());
    String html = publishedReport(report.published().html());
    assertThat(html).startsWith("<!DOCTYPE html>").contains("Ubuntu 22.04", report.run().hostKeyFingerprint(),
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more").doesNotContain("<script>");
  }

  @Test
  void aFailedCertificationGoesBackToTheIsvAndTheFixedImageIsCertifiedWithItsWarningsExplained() throws Exception {
    TestPublisher isv = publishers.active();
    vm.serve("ubuntu-22.04-keepalive-0");
    ProcessInstance pi =
        startAs(isv, SubmissionFixtures.onSampleVm(vm, SubmissionFixtures.linux(vhd("os.vhd", 30 * GIB), null)));
    execute(job("checkSubmission", pi));
    execute(job("runLinuxCertification", pi));

    BpmnAwareTests.assertThat(pi).isWaitingAt("fixSubmission").variables().containsEntry("certificationPassed", false);
    assertThat((String) shownOn(task(pi).getId()).get("findingsSummary"))
        .contains("[LNX-SSH-1] ", "[CERT-3] ", "[SAS-5] osVhd");
    String submissionId = submissionIdOf(pi);
    assertThat(submissions.statusFor(submissionId, List.of(isv.group()), false).status()).isEqualTo("NEEDS_FIX");
    CertificationReportView failed = reportViews.latest(submissionId, Locale.ENGLISH).orElseThrow();
    assertThat(failed.status()).isEqualTo(CertificationReport.Status.FAILED);

    // the ISV deploys the fixed image on another VM and points the submission at it: a new host key is trusted
    try (SampleVmServer fixedVm = SampleVmServer.start(TestKeys.ed25519()).serve("ubuntu-22.04-warnings")) {
      complete(task(pi), withVariables("vmHost", fixedVm.host(), "vmPort", fixedVm.port()));
      BpmnAwareTests.assertThat(pi).isWaitingAt("checkSubmission");
      execute(job("checkSubmission", pi));
      execute(job("runLinuxCertification", pi));
    }

    BpmnAwareTests.assertThat(pi).isWaitingAt("answerQuestionnaire");
    Map<String, Object> shown = shownOn(task(pi).getId());
    assertThat(shown).containsEntry("warningCount", 2).doesNotContainKey("warning3");
    assertThat(List.of((String) shown.get("warning1"), (String) shown.get("warning2")))
        .anyMatch(w -> w.startsWith("[LNX-SEC-1] ")).anyMatch(w -> w.startsWith("[LNX-SEC-5] "));
    String taskId = task(pi).getId();
    // the form asks for every explanation; a completion that bypasses it is refused all the same
    assertThatThrownBy(() -> taskService.complete(taskId, answers()))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("[CERT-4]")
        .hasMessageContaining("warningExplanation1").hasMessageContaining("warningExplanation2");
    BpmnAwareTests.assertThat(pi).isWaitingAt("answerQuestionnaire");
    complete(task(pi), answers("Updates are applied by unattended-upgrades at first boot",
        "Only SSH is let in, by design"));
    execute(job("storeCertificationReport", pi));

    BpmnAwareTests.assertThat(pi).isEnded().variables().containsEntry("certified", true);
    CertificationReportView report = reportViews.latest(submissionId, Locale.ENGLISH).orElseThrow();
    assertThat(report.reportId()).isNotEqualTo(failed.reportId());
    assertThat(report.run().hostKeyFingerprint()).isNotEqualTo(failed.run().hostKeyFingerprint());
    assertThat(report.findings()).filteredOn(f -> f.result() == Result.WARNING).extracting(FindingView::ruleId)
        .containsExactlyInAnyOrder("LNX-SEC-1", "LNX-SEC-5");
    assertThat((List<?>) report.questionnaire().get("warningExplanations")).hasSize(2)
        .anySatisfy(e -> assertThat(e.toString()).contains("unattended-upgrades"));
    assertThat(versions.findAll()).filteredOn(v -> v.getSubmissionId().equals(submissionId)).singleElement()
        .extracting(ImageVersion::getStatus).isEqualTo(ImageVersion.Status.CERTIFIED);
  }

  /**
   * A submission keeps the policy of its first certification run: after the operator's next policy took
   * effect, the re-check of its fixed VHDs still judges their sizes by the recorded one (a 20 GiB OS disk
   * is below azure-china-2015's 30 GiB, although azure-current would take it).
   */
  @Test
  void aRecheckAfterAFixJudgesTheVhdsByTheSubmissionsRecordedPolicyNotTheOneNowInForce() {
    TestPublisher isv = publishers.active();
    vm.serve("ubuntu-22.04-keepalive-0");
    OffsetDateTime inNinetyDays = OffsetDateTime.now(ZoneOffset.UTC).plusDays(90);
    azurite.sparsePageBlob(container, "os.vhd", 30 * GIB, VhdFooters.fixed(30 * GIB).toBytes());
    ProcessInstance pi = startAs(isv, SubmissionFixtures.onSampleVm(vm, SubmissionFixtures.linux(
        azurite.sasUri(container, "os.vhd", "rl", anHourAgo, inNinetyDays), null)));
    execute(job("checkSubmission", pi));
    execute(job("runLinuxCertification", pi));
    BpmnAwareTests.assertThat(pi).isWaitingAt("fixSubmission");
    String submissionId = submissionIdOf(pi);
    assertThat(submissionPolicies.of(submissionId)).contains(new PolicyRef("azure-china-2015", "1"));

    // the operator's schedule moves to azure-current; the ISV's fix comes three days after that
    Instant takesEffect = policySchedule.steps().stream()
        .filter(step -> step.policy().equals(new PolicyRef("azure-current", "1"))).findFirst().orElseThrow()
        .effectiveFrom();
    ClockUtil.setCurrentTime(java.util.Date.from(takesEffect.plus(Duration.ofDays(3)).plus(Duration.ofHours(10))));
    assertThat(policySchedule.inForce(ClockUtil.getCurrentTime().toInstant()).ref())
        .isEqualTo(new PolicyRef("azure-current", "1"));
    azurite.sparsePageBlob(container, "os-20.vhd", 20 * GIB, VhdFooters.fixed(20 * GIB).toBytes());
    complete(task(pi), withVariables("osVhdUri", azurite.sasUri(container, "os-20.vhd", "rl", anHourAgo,
        ClockUtil.getCurrentTime().toInstant().atOffset(ZoneOffset.UTC).plusDays(90))));
    execute(job("checkSubmission", pi));

    BpmnAwareTests.assertThat(pi).isWaitingAt("fixSubmission");
    assertThat((String) shownOn(task(pi).getId()).get("findingsSummary"))
        .contains("[LNX-SIZE-1] osVhd");
    assertThat(submissions.statusFor(submissionId, List.of(), true).findings())
        .filteredOn(f -> f.ruleId() == RuleId.LNX_SIZE_1).singleElement().satisfies(size -> {
          assertThat(size.result()).isEqualTo(Result.FAIL);
          assertThat(size.messageKey()).isEqualTo("LNX-SIZE-1.too-small");
          assertThat(size.policy()).isEqualTo(new PolicyRef("azure-china-2015", "1"));
        });
  }

  @Test
  void aHostKeyThatChangesBetweenRunsOfASubmissionFailsTheConnectionTest() throws Exception {
    TestPublisher isv = publishers.active();
    try (SampleVmServer server = SampleVmServer.start(TestKeys.ed25519()).serve("ubuntu-22.04-networkmanager")) {
      ProcessInstance pi = startAs(isv,
          SubmissionFixtures.onSampleVm(server, SubmissionFixtures.linux(vhd("os.vhd", 30 * GIB), null)));
      execute(job("checkSubmission", pi));
      execute(job("runLinuxCertification", pi));
      BpmnAwareTests.assertThat(pi).isWaitingAt("fixSubmission");
      String submissionId = submissionIdOf(pi);
      String trusted = submissionRows.findById(submissionId).orElseThrow().getVmHostKey();
      assertThat(trusted).startsWith("SHA256:");

      // same address, another machine answering: the fix changes the image, not the VM's address
      server.restartWithHostKey(TestKeys.ed25519());
      server.serve("ubuntu-22.04-good");
      complete(task(pi), withVariables("skuSummary", "Contoso DB on Ubuntu, NetworkManager off"));
      execute(job("checkSubmission", pi));
      execute(job("runLinuxCertification", pi));

      BpmnAwareTests.assertThat(pi).isWaitingAt("fixSubmission");
      assertThat((String) shownOn(task(pi).getId()).get("findingsSummary")).contains("[CERT-2] ");
      CertificationReportView report = reportViews.latest(submissionId, Locale.ENGLISH).orElseThrow();
      assertThat(report.findings()).filteredOn(f -> f.ruleId().equals("CERT-2")).singleElement().satisfies(f -> {
        assertThat(f.result()).isEqualTo(Result.FAIL);
        assertThat(f.message()).contains("another host key");
        assertThat(f.evidence()).contains("recorded " + trusted);
      });
      assertThat(submissionRows.findById(submissionId).orElseThrow().getVmHostKey()).isEqualTo(trusted);
    }
  }

  @Test
  void aWindowsImageFailsOnItsToolResultsAndIsCertifiedOnceTheResultsPass() {
    TestPublisher isv = publishers.active();
    String os = vhd("os.vhd", 128 * GIB);
    azurite.blockBlob(container, "results.json", windowsResults("fail"));
    ProcessInstance pi = startAs(isv, windows(os, azurite.sasUri(container, "results.json", "rl", anHourAgo,
        inThirtyDays)));
    execute(job("checkSubmission", pi));
    BpmnAwareTests.assertThat(pi).isWaitingAt("checkWindowsResults");
    execute(job("checkWindowsResults", pi));

    BpmnAwareTests.assertThat(pi).isWaitingAt("fixSubmission");
    assertThat((String) shownOn(task(pi).getId()).get("findingsSummary")).contains("[WIN-GEN-1] ");

    // the ISV generalizes again and uploads the tool's new results over the old ones
    azurite.blockBlob(container, "results.json", windowsResults("pass"));
    complete(task(pi));
    execute(job("checkSubmission", pi));
    execute(job("checkWindowsResults", pi));

    BpmnAwareTests.assertThat(pi).isWaitingAt("answerQuestionnaire");
    Map<String, Object> shown = shownOn(task(pi).getId());
    // Azurite serves plain http: the results URI's SAS-5 warning is one to explain too
    assertThat(shown).containsEntry("osFamily", "windows").containsEntry("warningCount", 2);
    assertThat(List.of((String) shown.get("warning1"), (String) shown.get("warning2")))
        .anyMatch(w -> w.startsWith("[WIN-PATCH-1] ")).anyMatch(w -> w.startsWith("[SAS-5] windowsResultsUri"));
    Map<String, Object> answers = answers("KB5000000 needs a reboot the image can't take before capture",
        "The storage account is reached over its private endpoint");
    answers.keySet().removeAll(List.of("endorsedDistribution", "kernelCustomisation"));
    complete(task(pi), answers);
    execute(job("storeCertificationReport", pi));

    BpmnAwareTests.assertThat(pi).isEnded().variables().containsEntry("certified", true);
    CertificationReportView report = reportViews.latest(submissionIdOf(pi), Locale.ENGLISH).orElseThrow();
    assertThat(report.findings()).noneMatch(f -> f.result() == Result.FAIL)
        .extracting(f -> f.ruleId() + " " + f.subject())
        .contains("WIN-SIZE-1 osVhd", "WIN-BASE-1 osName", "SAS-8 windowsResultsUri", "CERT-5 windowsResultsUri",
            "WIN-GEN-1 vm", "WIN-PATCH-1 vm", "CERT-3 vm");
    assertThat(report.run().windowsToolVersion()).isEqualTo("3.1");
    assertThat(report.questionnaire()).doesNotContainKey("kernelCustomisation");
  }

  @Test
  void windowsResultsOnAStorageThatDoesNotAnswerAreRetriedNotHeldAgainstTheIsv() throws Exception {
    TestPublisher isv = publishers.active();
    azurite.blockBlob(container, "results.json", windowsResults("pass"));
    String results = azurite.sasUri(container, "results.json", "rl", anHourAgo, inThirtyDays)
        .replace(":" + azurite.port() + "/", ":" + closedPort() + "/");
    ProcessInstance pi = startAs(isv, windows(vhd("os.vhd", 128 * GIB), results));
    execute(job("checkSubmission", pi));

    Job check = job("checkWindowsResults", pi);
    assertThatThrownBy(() -> execute(check)).isInstanceOf(StorageUnavailableException.class);
    BpmnAwareTests.assertThat(pi).isWaitingAt("checkWindowsResults");
    assertThat(job("checkWindowsResults", pi).getRetries()).isEqualTo(4);
    assertThat(reportViews.latest(submissionIdOf(pi), Locale.ENGLISH)).isEmpty();
  }

  @Test
  void aSubmissionLeftUnfixedFor30BusinessDaysEndsUncertifiedWithoutItsVmCredentials() {
    TestPublisher isv = publishers.active();
    ProcessInstance pi = startAs(isv, SubmissionFixtures.with(SubmissionFixtures.linux(vhd("os.vhd", 30 * GIB), null),
        "version", "1.0"));
    execute(job("checkSubmission", pi));
    BpmnAwareTests.assertThat(pi).isWaitingAt("fixSubmission");
    String submissionId = submissionIdOf(pi);
    assertThat(submissionRows.findById(submissionId).orElseThrow().holdsVmCredentials()).isTrue();

    Job abandoned = processEngine.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers()
        .activityId("fixAbandoned").singleResult();
    assertThat(abandoned.getDuedate()).isAfter(java.util.Date.from(ClockUtil.getCurrentTime().toInstant()
        .plus(java.time.Duration.ofDays(40))));
    ClockUtil.setCurrentTime(new java.util.Date(abandoned.getDuedate().getTime() + 60_000));
    execute(abandoned);

    BpmnAwareTests.assertThat(pi).isEnded().hasPassed("submissionAbandoned").variables()
        .containsEntry("certified", false);
    Submission submission = submissionRows.findById(submissionId).orElseThrow();
    assertThat(submission.getStatus()).isEqualTo(Submission.Status.CLOSED);
    assertThat(submission.holdsVmCredentials()).isFalse();
  }

  @Test
  void aCancelledInstanceKeepsNoVmCredentials() {
    TestPublisher isv = publishers.active();
    ProcessInstance pi = startAs(isv, SubmissionFixtures.linux(vhd("os.vhd", 30 * GIB), null));
    String submissionId = submissionIdOf(pi);
    assertThat(submissionRows.findById(submissionId).orElseThrow().holdsVmCredentials()).isTrue();

    runtimeService.deleteProcessInstance(pi.getId(), "withdrawn by the ISV");

    assertThat(submissionRows.findById(submissionId).orElseThrow().getStatus()).isEqualTo(Submission.Status.CLOSED);
    assertThat(submissionRows.findById(submissionId).orElseThrow().holdsVmCredentials()).isFalse();
  }

  /** Starts as Tasklist's start form does: every field a variable, by the signed-in publisher user. */
  private ProcessInstance startAs(TestPublisher isv, SubmissionForm form) {
    identityService.setAuthentication(isv.id(), List.of(Groups.PUBLISHERS, isv.group()));
    try {
      return runtimeService.startProcessInstanceByKey(ImageCertification.KEY,
          new HashMap<>(SubmissionFixtures.variables(form)));
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** A Windows Server 2012 R2 submission (WIN-BASE-1) with its certification tool's results file. */
  private static SubmissionForm windows(String osVhdUri, String windowsResultsUri) {
    Map<String, Object> fields = SubmissionFixtures.variables(SubmissionFixtures.linux(osVhdUri, null));
    fields.keySet().removeAll(List.of("vmHost", "vmPort", "vmUser", "vmPassword"));
    fields.put("osFamily", "windows");
    fields.put("osName", "Windows Server 2012 R2 Datacenter");
    fields.put("skuSummary", "Contoso DB on Windows Server");
    fields.put("windowsResultsUri", windowsResultsUri);
    return SubmissionForm.fromVariables(fields);
  }

  /** The certification tool's results: sysprep passed or failed, and a Windows Update warning. */
  private static byte[] windowsResults(String sysprep) {
    return ("""
        {"format": "azure-vm-certification-results", "version": 1, "toolVersion": "3.1",
         "os": "Windows Server 2012 R2 Datacenter",
         "tests": [
           {"name": "Sysprep generalization", "result": "%s"},
           {"name": "Windows Update", "result": "warning", "message": "1 important update missing"}
         ]}
        """.formatted(sysprep)).getBytes(StandardCharsets.UTF_8);
  }

  /** A complete questionnaire, with one explanation per warning. */
  private static Map<String, Object> answers(String... explanations) {
    Map<String, Object> answers = SubmissionFixtures.completeQuestionnaire();
    for (int i = 0; i < explanations.length; i++) {
      answers.put(Questionnaire.explanationKey(i + 1), explanations[i]);
    }
    return answers;
  }

  private String submissionIdOf(ProcessInstance pi) {
    return (String) historicVariable(pi, "submissionId");
  }

  private Object historicVariable(ProcessInstance pi, String name) {
    return processEngine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
        .variableName(name).singleResult().getValue();
  }

  /** A published report document, read back from the product's report container in Azurite. */
  private static String publishedReport(String blobName) {
    return azurite.service().getBlobContainerClient("certification-reports").getBlobClient(blobName)
        .downloadContent().toString();
  }

  private static JsonNode readJson(String json) {
    try {
      return new ObjectMapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new AssertionError("the published report is not JSON", e);
    }
  }

  /** A line from the middle of a private key's text: only the key itself holds it. */
  private static String keyMarker(String privateKeyText) {
    List<String> lines = privateKeyText.lines().filter(l -> !l.startsWith("-----")).toList();
    return lines.get(lines.size() / 2);
  }

  private static int closedPort() throws java.io.IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(Azurite.HOST))) {
      return socket.getLocalPort();
    }
  }

  /** A sparse fixed VHD in Azurite and its SAS URI (read and list, valid for 30 days). */
  private String vhd(String name, long virtualSize) {
    azurite.sparsePageBlob(container, name, virtualSize, VhdFooters.fixed(virtualSize).toBytes());
    return azurite.sasUri(container, name, "rl", anHourAgo, inThirtyDays);
  }

  private static String signature(String sasUri) {
    Matcher matcher = SIGNATURE.matcher(sasUri);
    assertThat(matcher.find()).isTrue();
    return URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8);
  }

  /** The engine's runtime, history and byte-array tables and ours that hold any of {@code markers}. */
  private List<String> tablesContaining(List<String> markers) {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    List<String> tables = new ArrayList<>();
    jdbc.execute((java.sql.Connection connection) -> {
      DatabaseMetaData meta = connection.getMetaData();
      try (ResultSet rs = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          String name = rs.getString("TABLE_NAME");
          String upper = name.toUpperCase(Locale.ROOT);
          if (upper.startsWith("ACT_HI_") || upper.startsWith("ACT_RU_") || upper.equals("ACT_GE_BYTEARRAY")
              || upper.startsWith("SUBMISSION") || upper.startsWith("CERTIFICATION") || upper.equals("SENT_MAIL")
              || upper.equals("IMAGE_VERSION")) {
            tables.add(name);
          }
        }
      }
      return null;
    });
    List<String> holding = new ArrayList<>();
    for (String table : tables) {
      boolean found = jdbc.query("select * from " + table, rs -> {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          for (int i = 1; i <= columns; i++) {
            Object value = rs.getObject(i);
            String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : value == null ? null : value.toString();
            if (text != null && markers.stream().anyMatch(text::contains)) {
              return true;
            }
          }
        }
        return false;
      });
      if (found) {
        holding.add(table.toUpperCase(Locale.ROOT));
      }
    }
    return holding;
  }

  /** The submission form's fields the instance does not keep: all but the offer's id (the filters' column). */
  private static String[] formFieldsButTheOffer() {
    return SubmissionForm.FIELDS.stream().filter(field -> !"offerId".equals(field)).toArray(String[]::new);
  }

  /** What the task's form shows, as Tasklist opens it ({@code form-variables}). */
  private Map<String, Object> shownOn(String taskId) {
    return processEngine.getFormService().getTaskFormVariables(taskId);
  }
}
