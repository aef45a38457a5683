package cn.marketplace.onboarding.certification.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.marketplace.onboarding.account.AccountService;
import cn.marketplace.onboarding.application.ApplicationService;
import cn.marketplace.onboarding.submission.SubmissionFixtures;
import cn.marketplace.onboarding.submission.SubmissionForm;
import cn.marketplace.onboarding.submission.SubmissionRepository;
import cn.marketplace.onboarding.submission.TestPublishers;
import cn.marketplace.onboarding.submission.TestPublishers.TestPublisher;
import cn.marketplace.onboarding.submission.vhd.VhdFooters;
import cn.marketplace.onboarding.testsupport.Azurite;
import cn.marketplace.onboarding.testsupport.OnboardingHttpTest;
import cn.marketplace.onboarding.testsupport.SecretScanner;
import cn.marketplace.onboarding.testsupport.TestKeys;
import cn.marketplace.onboarding.testsupport.WindowsVmServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A Windows image certified end to end, on the whole product: the ISV submits over HTTP with its
 * Windows VM's access instead of the tool's results, the VHDs are checked in Azurite, the process
 * picks the run over SSH, the product's probe runs on the stand-in of the VM's OpenSSH server, and
 * {@code GET /api/submissions/{id}} shows the report with every WIN-* finding. The VM's password
 * stays out of history, the database in clear and the answers.
 */
@OnboardingHttpTest
class WindowsCertificationOverHttpTest {

  private static final long GIB = 1024L * 1024 * 1024;
  private static final Azurite azurite = Azurite.instance();
  /**
   * The Windows rules of the policy in force in the suite, {@code azure-china-2015}: today's rules (WIN-TLS-1,
   * WIN-SMB-1...) are judged under {@code azure-current} in {@code WindowsVmCertificationTest}.
   */
  private static final List<String> WINDOWS_RULES = List.of("WIN-BASE-1", "WIN-GEN-1", "WIN-PATCH-1");
  @AutoClose
  private static final WindowsVmServer vm = WindowsVmServer.start(TestKeys.ed25519());

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;
  @Autowired HistoryService historyService;
  @Autowired ApplicationService applications;
  @Autowired AccountService accounts;
  @Autowired SubmissionRepository submissions;
  @Autowired DataSource dataSource;

  private TestPublishers publishers;
  private String container;

  @BeforeEach
  void setUp() {
    publishers = new TestPublishers(applications, accounts, identityService);
    container = azurite.createContainer();
  }

  @Test
  void aGoodWindowsVmIsCertifiedOverSshAndTheReportShowsEveryWindowsFinding() {
    vm.serve("server-2012-r2");
    int probesBefore = vm.probesRun();
    TestPublisher isv = publishers.active();

    String id = submit(isv, windowsWithVm());
    JsonNode status = awaitStatus(isv, id, "QUESTIONNAIRE");

    JsonNode report = status.get("certificationReport");
    assertThat(report.at("/image/osFamily").asText()).isEqualTo("windows");
    assertThat(findings(report)).filteredOn(f -> f.get("ruleId").asText().startsWith("WIN-")
            && f.get("subject").asText().equals("vm"))
        .extracting(f -> f.get("ruleId").asText() + " " + f.get("result").asText())
        .containsExactlyInAnyOrderElementsOf(WINDOWS_RULES.stream().map(rule -> rule + " pass").toList());
    assertThat(report.at("/policy/id").asText()).isEqualTo("azure-china-2015");
    assertThat(findings(report)).filteredOn(f -> f.get("ruleId").asText().equals("CERT-2")).singleElement()
        .satisfies(f -> assertThat(f.get("result").asText()).isEqualTo("pass"));
    assertThat(findings(report)).noneMatch(f -> f.get("subject").asText().equals("windowsResultsUri"));
    assertThat(vm.probesRun() - probesBefore).isEqualTo(1);

    String pi = submissions.findById(id).orElseThrow().getProcessInstanceId();
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(pi)
        .activityId("runWindowsCertification").count()).isEqualTo(1);
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(pi)
        .activityId("checkWindowsResults").count()).isZero();
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(pi).list())
        .noneMatch(v -> List.of("vmPassword", "windowsEvidence").contains(v.getName()))
        .anySatisfy(v -> {
          assertThat(v.getName()).isEqualTo("windowsCertification");
          assertThat(v.getValue()).isEqualTo("vm");
        });
    List<String> leaks = new SecretScanner().secret("vmPassword", WindowsVmServer.PASSWORD)
        .scanDatabase(dataSource).scanText("GET /api/submissions/" + id, status.toString()).findings();
    assertThat(leaks).isEmpty();
  }

  @Test
  void aWindowsVmLeftInAuditModeGoesBackToTheIsvWithTheRuleNamed() {
    vm.serve("server-2012-r2", document ->
        ((ObjectNode) document.get("SetupState")).put("ImageState", "IMAGE_STATE_SPECIALIZE_RESEAL_TO_AUDIT"));
    TestPublisher isv = publishers.active();

    String id = submit(isv, windowsWithVm());
    JsonNode status = awaitStatus(isv, id, "NEEDS_FIX");

    JsonNode report = status.get("certificationReport");
    assertThat(findings(report)).filteredOn(f -> f.get("result").asText().equals("fail"))
        .extracting(f -> f.get("ruleId").asText()).containsExactlyInAnyOrder("WIN-GEN-1", "CERT-3");
    assertThat(findings(report)).filteredOn(f -> f.get("ruleId").asText().equals("WIN-GEN-1")).singleElement()
        .satisfies(f -> assertThat(f.get("evidence").asText()).contains("IMAGE_STATE_SPECIALIZE_RESEAL_TO_AUDIT"));
  }

  @Test
  void tls11IsNoFindingUnderThe2015Policy() {
    vm.serve("server-2012-r2", enabled("TLS 1.1"));
    TestPublisher isv = publishers.active();

    String id = submit(isv, windowsWithVm());
    JsonNode status = awaitStatus(isv, id, "QUESTIONNAIRE");

    assertThat(findings(status.get("certificationReport"))).extracting(f -> f.get("ruleId").asText())
        .doesNotContain("WIN-TLS-1");
  }

  /** A Windows Server 2012 R2 submission (WIN-BASE-1, a 128 GB OS VHD) that gives its VM over SSH. */
  private SubmissionForm windowsWithVm() {
    Map<String, Object> fields = SubmissionFixtures.variables(SubmissionFixtures.linux(vhd("os.vhd", 128 * GIB), null));
    fields.put("osFamily", "windows");
    fields.put("osName", "Windows Server 2012 R2 Datacenter");
    fields.put("skuSummary", "Contoso DB on Windows Server");
    fields.put("vmHost", vm.host());
    fields.put("vmPort", vm.port());
    fields.put("vmUser", WindowsVmServer.USER);
    fields.put("vmPassword", WindowsVmServer.PASSWORD);
    return SubmissionForm.fromVariables(fields);
  }

  private static Consumer<ObjectNode> enabled(String protocol) {
    return document -> document.get("Schannel").forEach(key -> {
      if (key.get("Protocol").asText().equals(protocol)) {
        ((ObjectNode) key).put("Enabled", 1);
      }
    });
  }

  private String submit(TestPublisher isv, SubmissionForm form) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(isv.id(), TestPublishers.PASSWORD);
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<JsonNode> created = http.exchange("/api/submissions", HttpMethod.POST, new HttpEntity<>(form, headers),
        JsonNode.class);
    assertThat(created.getStatusCode()).as("%s", created.getBody()).isEqualTo(HttpStatus.CREATED);
    return created.getBody().get("id").asText();
  }

  private JsonNode awaitStatus(TestPublisher isv, String id, String expected) {
    await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
      JsonNode now = isvApi(isv, "/api/submissions/" + id).getBody();
      assertThat(now.get("status").asText()).as("%s", now).isEqualTo(expected);
      assertThat(now.hasNonNull("certificationReport")).as("%s", now).isTrue();
    });
    return isvApi(isv, "/api/submissions/" + id).getBody();
  }

  private ResponseEntity<JsonNode> isvApi(TestPublisher isv, String path) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(isv.id(), TestPublishers.PASSWORD);
    headers.set(HttpHeaders.ACCEPT_LANGUAGE, "en");
    return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), JsonNode.class);
  }

  private String vhd(String name, long virtualSize) {
    azurite.sparsePageBlob(container, name, virtualSize, VhdFooters.fixed(virtualSize).toBytes());
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return azurite.sasUri(container, name, "rl", now.minusHours(1), now.plusDays(30));
  }

  private static List<JsonNode> findings(JsonNode body) {
    return StreamSupport.stream(body.get("findings").spliterator(), false).toList();
  }
}
