package cn.marketplace.onboarding.offer;

import static cn.marketplace.onboarding.image.VhdFooters.GIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import cn.marketplace.onboarding.account.AccountService;
import cn.marketplace.onboarding.application.ApplicationService;
import cn.marketplace.onboarding.engine.AuthorizationGrants;
import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.image.VhdFooters;
import cn.marketplace.onboarding.offer.TestPublishers.TestPublisher;
import cn.marketplace.onboarding.testsupport.Azurite;
import cn.marketplace.onboarding.testsupport.MailServer;
import cn.marketplace.onboarding.testsupport.Mails;
import cn.marketplace.onboarding.testsupport.OnboardingSpringTest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
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
 * Every path of {@code imageCertification} against real VHDs in Azurite, started the way Tasklist's
 * start form does (all fields as variables, by an authenticated publisher user); timers by moving
 * the clock. Azurite judges SAS times by the real clock, so the SAS times come from it.
 */
@OnboardingSpringTest
class ImageCertificationProcessTest {

  private static final Azurite azurite = Azurite.instance();
  private static final Pattern SIGNATURE = Pattern.compile("[?&]sig=([^&]+)");

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;
  @Autowired ApplicationService applications;
  @Autowired AccountService accounts;
  @Autowired AuthorizationGrants grants;
  @Autowired SubmissionService submissions;
  @Autowired ImageVersionRepository versions;
  @Autowired DataSource dataSource;

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
    assertThat(runtimeService.getVariables(pi.getId())).doesNotContainKeys(SubmissionForm.FIELDS.toArray(String[]::new))
        .containsKeys("submissionId", "publisherId");
    BpmnAwareTests.assertThat(pi).isWaitingAt("checkSubmission");
    execute(job("checkSubmission", pi));

    BpmnAwareTests.assertThat(pi).isWaitingAt("fixSubmission");
    assertThat(task(pi).getDueDate()).isAfter(ClockUtil.getCurrentTime());
    assertThat(taskService.getIdentityLinksForTask(task(pi).getId()))
        .anyMatch(link -> isv.group().equals(link.getGroupId()));
    Map<String, Object> form = taskService.getVariablesLocal(task(pi).getId());
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
    assertThat(runtimeService.getVariables(pi.getId())).doesNotContainKeys(SubmissionForm.FIELDS.toArray(String[]::new));
    execute(job("checkSubmission", pi));

    BpmnAwareTests.assertThat(pi).isEnded().hasPassed("acceptVhds", "vhdsAccepted")
        .variables().containsEntry("vhdsAccepted", true);
    SubmissionStatus status = submissions.statusFor(submissionId, List.of(), true);
    assertThat(status.status()).isEqualTo("VHDS_ACCEPTED");
    assertThat(status.findings()).noneMatch(f -> f.failed())
        .extracting(f -> f.subject()).contains("osVhd", "lun0", "lun1", "pricingModel");
    assertThat(versions.findAll()).filteredOn(v -> v.getSubmissionId().equals(submissionId)).singleElement()
        .satisfies(v -> {
          assertThat(v.getVersion()).isEqualTo("1.0.0");
          assertThat(v.getSku().getSkuId()).isEqualTo("standard-2026");
          assertThat(v.getSku().getPricingModel()).isEqualTo("byol");
          assertThat(v.getSku().getOffer().getOfferId()).isEqualTo("contoso-db");
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
    assertThat((String) taskService.getVariableLocal(task(pi).getId(), "findingsSummary")).contains("[LNX-SIZE-1] osVhd");
    complete(task(pi), withVariables("reviewDecision", "reject", "reviewComment", "Please keep the OS disk at 50 GB"));

    BpmnAwareTests.assertThat(pi).isWaitingAt("fixSubmission").variables()
        .containsEntry("reviewComment", "Please keep the OS disk at 50 GB");
    String submissionId = (String) runtimeService.getVariable(pi.getId(), "submissionId");
    assertThat(submissions.statusFor(submissionId, List.of(), true).status()).isEqualTo("NEEDS_FIX");
    complete(task(pi), withVariables("osVhdUri", vhd("still-big.vhd", 64 * GIB)));
    execute(job("checkSubmission", pi));

    BpmnAwareTests.assertThat(pi).isWaitingAt("reviewImageSize");
    complete(task(pi), withVariables("reviewDecision", "approve", "reviewComment", "Needed for the bundled data set"));
    BpmnAwareTests.assertThat(pi).isEnded().hasPassed("vhdsAccepted").variables().containsEntry("vhdsAccepted", true);
  }

  @Test
  void theIsvIsRemindedTwoBusinessDaysBeforeItsSasExpires() {
    TestPublisher isv = publishers.active();
    String os = vhd("os.vhd", 30 * GIB);
    ProcessInstance pi = startAs(isv, SubmissionFixtures.with(SubmissionFixtures.linux(os, null), "version", "1.0"));
    execute(job("checkSubmission", pi));
    BpmnAwareTests.assertThat(pi).isWaitingAt("fixSubmission");

    Job timer = processEngine.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers()
        .singleResult();
    assertThat(timer.getDuedate()).isBefore(java.util.Date.from(inThirtyDays.toInstant()))
        .isAfter(java.util.Date.from(inThirtyDays.minusDays(7).toInstant()));
    ClockUtil.setCurrentTime(new java.util.Date(timer.getDuedate().getTime() + 60_000));
    execute(timer);
    execute(job("remindSasExpiry", pi));

    BpmnAwareTests.assertThat(pi).isWaitingAt("fixSubmission");
    assertThat(Mails.subjects(isv.email())).filteredOn(s -> s.contains("SAS URI")).hasSize(1);
    List<jakarta.mail.internet.MimeMessage> received = MailServer.to(isv.email());
    String body = Mails.body(received.get(received.size() - 1));
    assertThat(body).contains("contoso-db-standard-2026", "sig=***").doesNotContain(signature(os));
  }

  @Test
  void aPublisherThatIsNotActiveCannotSubmit() {
    TestPublisher inactive = publishers.issued();
    Map<String, Object> variables = SubmissionFixtures.variables(SubmissionFixtures.linux(vhd("os.vhd", 30 * GIB), null));
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey(SubmissionService.PROCESS_KEY).count();

    // the engine refuses the start: the publisher was never granted the right (ACCT-2)
    identityService.setAuthentication(inactive.id(), List.of(Groups.PUBLISHERS, inactive.group()));
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(SubmissionService.PROCESS_KEY, variables))
        .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
    identityService.clearAuthentication();

    // and should a grant exist by mistake, the first step refuses it all the same
    grants.grantGroup(inactive.group(), Resources.PROCESS_DEFINITION, SubmissionService.PROCESS_KEY,
        ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE);
    grants.grantGroup(inactive.group(), Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
    identityService.setAuthentication(inactive.id(), List.of(Groups.PUBLISHERS, inactive.group()));
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(SubmissionService.PROCESS_KEY, variables))
        .isInstanceOf(SubmissionRefusedException.class).hasMessageContaining("[ACCT-2]")
        .hasMessageContaining(inactive.id());
    identityService.clearAuthentication();
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(SubmissionService.PROCESS_KEY).count())
        .isEqualTo(before);
  }

  @Test
  void secretsReachNoVariableAndNoHistory() {
    TestPublisher isv = publishers.active();
    String os = vhd("os.vhd", 30 * GIB);
    String data0 = vhd("data0.vhd", 10 * GIB);
    String password = "Marker-Passw0rd-" + System.nanoTime();
    SubmissionForm form = SubmissionFixtures.with(SubmissionFixtures.linux(os, "0=" + data0), "vmPassword", password);
    ProcessInstance pi = startAs(isv, SubmissionFixtures.with(form, "version", "1.0"));
    execute(job("checkSubmission", pi));
    String fixedData0 = vhd("data0-fixed.vhd", 10 * GIB);
    complete(task(pi), withVariables("version", "1.0.0", "dataDiskUris", "0=" + fixedData0));
    execute(job("checkSubmission", pi));
    BpmnAwareTests.assertThat(pi).isEnded();

    List<String> secrets = List.of(signature(os), signature(data0), signature(fixedData0), password);
    List<String> leaks = tablesContaining(secrets);
    assertThat(leaks).as("engine and submission tables holding a secret in clear").isEmpty();
    // full history keeps a variable that was created and removed in one command, marked deleted, with
    // its value: what keeps the secrets out is the history filter, not the removal
    var history = processEngine.getHistoryService();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).variableName("offerId")
        .includeDeleted().list()).anyMatch(v -> "DELETED".equals(v.getState()) && "contoso-db".equals(v.getValue()));
    for (String secret : SubmissionForm.SECRET_FIELDS) {
      assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).variableName(secret)
          .includeDeleted().count()).as(secret).isZero();
    }
    // the search does read history and our tables: the fix form's findings and the stored findings are found
    assertThat(tablesContaining(List.of("[SUB-1] version", "data0-fixed.vhd")))
        .contains("ACT_HI_VARINST", "SUBMISSION_FINDING");
  }

  /** Starts as Tasklist's start form does: every field a variable, by the signed-in publisher user. */
  private ProcessInstance startAs(TestPublisher isv, SubmissionForm form) {
    identityService.setAuthentication(isv.id(), List.of(Groups.PUBLISHERS, isv.group()));
    try {
      return runtimeService.startProcessInstanceByKey(SubmissionService.PROCESS_KEY,
          new HashMap<>(SubmissionFixtures.variables(form)));
    } finally {
      identityService.clearAuthentication();
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
              || upper.startsWith("SUBMISSION") || upper.equals("SENT_MAIL")) {
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
}
