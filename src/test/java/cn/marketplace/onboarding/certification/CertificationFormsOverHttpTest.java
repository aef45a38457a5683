package cn.marketplace.onboarding.certification;

import cn.marketplace.onboarding.submission.Submission;
import cn.marketplace.onboarding.submission.SubmissionFixtures;
import cn.marketplace.onboarding.submission.SubmissionForm;
import cn.marketplace.onboarding.submission.SubmissionRepository;
import cn.marketplace.onboarding.submission.SubmissionRepository;
import cn.marketplace.onboarding.submission.TestPublishers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.marketplace.onboarding.account.AccountService;
import cn.marketplace.onboarding.application.ApplicationService;
import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.submission.vhd.VhdFooters;
import cn.marketplace.onboarding.submission.TestPublishers.TestPublisher;
import cn.marketplace.onboarding.security.SecretBox;
import cn.marketplace.onboarding.testsupport.Azurite;
import cn.marketplace.onboarding.testsupport.OnboardingHttpTest;
import cn.marketplace.onboarding.testsupport.SampleVmServer;
import cn.marketplace.onboarding.testsupport.SecretScanner;
import cn.marketplace.onboarding.testsupport.StaffUsers;
import cn.marketplace.onboarding.testsupport.TasklistClient;
import cn.marketplace.onboarding.testsupport.TasklistClient.Endpoint;
import cn.marketplace.onboarding.testsupport.TasklistClient.TaskForm;
import cn.marketplace.onboarding.testsupport.TestKeys;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The tasks of {@code imageCertification} completed as Tasklist completes them, over HTTP: the ISV's
 * fix, the support team's size review and the questionnaire. Every field the form lets its user
 * change is changed, and the submission's record, the re-check and {@code /api/submissions} see
 * every change; the secrets the form never shows go through encrypted and stay out of history.
 */
@OnboardingHttpTest
class CertificationFormsOverHttpTest {

  private static final long GIB = 1024L * 1024 * 1024;
  private static final Azurite azurite = Azurite.instance();
  private static final String SUPPORT_USER = "support-forms";
  @AutoClose
  private static final SampleVmServer vm = SampleVmServer.start(TestKeys.ed25519()).serve("ubuntu-22.04-good");

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;
  @Autowired HistoryService historyService;
  @Autowired ApplicationService applications;
  @Autowired AccountService accounts;
  @Autowired SubmissionRepository submissions;
  @Autowired SubmissionRepository submissionRecords;
  @Autowired SecretBox secrets;
  @Autowired DataSource dataSource;

  private TestPublishers publishers;
  private String container;

  @BeforeEach
  void setUp() {
    publishers = new TestPublishers(applications, accounts, identityService);
    container = azurite.createContainer();
    StaffUsers.ensure(identityService, SUPPORT_USER, Groups.SUPPORT, TestPublishers.PASSWORD);
  }

  @ParameterizedTest(name = "{1} through {0}")
  @CsvSource({"engine-rest, SUBMIT_FORM", "engine-rest, COMPLETE", "tasklist, SUBMIT_FORM"})
  void theIsvsFixOfEveryFieldIsWhatTheRecheckRunsOnAndItsAnswersAreWhatTheReportKeeps(String api, Endpoint endpoint)
      throws IOException {
    TestPublisher isv = publishers.active();
    SubmissionForm wrongPort = SubmissionFixtures.with(SubmissionFixtures.onSampleVm(vm,
        SubmissionFixtures.linux(vhd("os.vhd", 30 * GIB), "0=" + vhd("data0.vhd", 8 * GIB))), "vmPort", closedPort());
    String id = submit(isv, wrongPort);
    String pi = submissions.findById(id).orElseThrow().getProcessInstanceId();
    TasklistClient tasklist = client(api, isv.id());

    // CERT-2 refused on the wrong port: the fix form shows the submission, its secrets masked
    TaskForm fix = tasklist.open(tasklist.awaitTask(pi, "fixSubmission"));
    assertThat(fix.formId()).isEqualTo("fixSubmissionForm");
    assertThat(fix.value("vmPort")).isEqualTo(wrongPort.vmPort());
    assertThat(fix.value("version")).isEqualTo("1.0.0");
    assertThat(fix.value("generation")).isEqualTo("gen1");
    assertThat(fix.value("architecture")).isEqualTo("x64");
    assertThat((String) fix.value("findingsSummary")).contains("CERT-2");
    assertThat(fix.shownVariables()).doesNotContain("osVhdUri", "dataDiskUris", "vmPassword", "vmPrivateKey");

    TestKeys.ClientKey key = TestKeys.openSsh(TestKeys.ed25519(), null);
    vm.authorize(key.publicKey());
    String fixedOs = vhd("os-fixed.vhd", 30 * GIB);
    String fixedData = vhd("data0-fixed.vhd", 4 * GIB);
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    Map<String, Object> changes = new LinkedHashMap<>();
    changes.put("offerId", "contoso-db-" + suffix);
    changes.put("offerName", "Contoso DB Fixed");
    changes.put("skuId", "trial-" + suffix);
    changes.put("skuSummary", "Contoso DB on Ubuntu, tuned and fixed");
    changes.put("pricingModel", "freeTrial");
    changes.put("trialDays", 30);
    changes.put("osFamily", "linux");
    changes.put("osName", "Ubuntu Server 22.04.5 LTS");
    changes.put("generation", "gen1");
    changes.put("architecture", "x64");
    changes.put("vmSizes", "Standard_B2ms, Standard_D2s_v5, Standard_E2s_v3");
    changes.put("version", "1.2.3");
    changes.put("osVhdUri", fixedOs);
    changes.put("dataDiskUris", "0=" + fixedData);
    changes.put("vmHost", "localhost");
    changes.put("vmPort", vm.port());
    changes.put("vmUser", SampleVmServer.USER);
    changes.put("vmPassword", "");
    changes.put("vmPrivateKey", key.privateKeyText());
    assertThat(changes.keySet()).as("every field the fix form lets a Linux ISV change")
        .containsExactlyInAnyOrderElementsOf(fix.editableFieldsExcept("windowsResultsUri", "windowsEvidence"));

    ResponseEntity<JsonNode> fixed = tasklist.send(endpoint, fix, changes);
    assertThat(fixed.getStatusCode().is2xxSuccessful()).as("%s", fixed.getBody()).isTrue();

    // the re-check runs on the fix: CERT-2 passes on the right port, with the key; the questionnaire waits
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      JsonNode now = isvApi(isv, "/api/submissions/" + id).getBody();
      assertThat(now.get("status").asText()).as("%s", now).isEqualTo("QUESTIONNAIRE");
    });
    TaskForm questionnaire = tasklist.open(tasklist.awaitTask(pi, "answerQuestionnaire"));
    Submission record = submissionRecords.findById(id).orElseThrow();
    SubmissionForm stored = record.reveal(secrets);
    assertThat(stored.offerId()).isEqualTo(changes.get("offerId"));
    assertThat(stored.offerName()).isEqualTo("Contoso DB Fixed");
    assertThat(stored.skuId()).isEqualTo(changes.get("skuId"));
    assertThat(stored.skuSummary()).isEqualTo("Contoso DB on Ubuntu, tuned and fixed");
    assertThat(stored.pricingModel()).isEqualTo("freeTrial");
    assertThat(stored.trialDays()).isEqualTo(30);
    assertThat(stored.osName()).isEqualTo("Ubuntu Server 22.04.5 LTS");
    assertThat(stored.vmSizes()).isEqualTo("Standard_B2ms, Standard_D2s_v5, Standard_E2s_v3");
    assertThat(stored.version()).isEqualTo("1.2.3");
    assertThat(record.getImageType()).hasToString("x64 gen1");
    assertThat(stored.vmHost()).isEqualTo("localhost");
    assertThat(stored.vmPort()).isEqualTo(vm.port());
    assertThat(stored.osVhdUri()).isEqualTo(fixedOs);
    assertThat(stored.dataDiskUris()).isEqualTo("0=" + fixedData);
    assertThat(stored.vmPrivateKey()).isEqualTo(key.privateKeyText().strip());
    JsonNode status = isvApi(isv, "/api/submissions/" + id).getBody();
    assertThat(status.get("status").asText()).isEqualTo("QUESTIONNAIRE");
    assertThat(findings(status.get("certificationReport"))).filteredOn(f -> f.get("ruleId").asText().equals("CERT-2"))
        .singleElement().satisfies(f -> assertThat(f.get("result").asText()).isEqualTo("pass"));
    assertThat(status.at("/certificationReport/image").toString())
        .contains("1.2.3", (String) changes.get("skuId"), (String) changes.get("offerId"));
    assertThat(findings(status)).filteredOn(f -> f.get("subject").asText().equals("lun0"))
        .anySatisfy(f -> assertThat(f.get("message").asText()).contains("4 GiB"));

    // the questionnaire: every answer changed from nothing to the ISV's, with a kernel and data to explain
    Map<String, Object> answers = new LinkedHashMap<>();
    answers.put("endorsedDistribution", "yes");
    answers.put("latestUpdatesInstalled", "yes");
    answers.put("securityGuidanceFollowed", "yes");
    answers.put("noSharedCredentials", "yes");
    answers.put("generalizedLastStep", "yes");
    answers.put("softwareLicensed", "yes");
    answers.put("collectsCustomerData", "yes");
    answers.put("dataCollectionDetails", "Anonymous usage counts, opt-in at first start");
    answers.put("kernelCustomisation", "patched");
    answers.put("kernelDetails", "Ubuntu HWE kernel with the vendor's storage patch");
    answers.put("extraKernelModules", "contoso_io");
    answers.put("sshAccessNotes", "Port 22 open to the certification network only");
    answers.put("additionalNotes", "Fixed through " + endpoint);
    answers.put("answersConfirmed", true);
    List<String> warnings = questionnaire.editableFields().stream().filter(f -> f.startsWith("warningExplanation"))
        .filter(f -> questionnaire.value("warning" + f.substring("warningExplanation".length())) != null).toList();
    warnings.forEach(field -> answers.put(field, "Explained: " + field));
    String[] hidden = questionnaire.editableFields().stream()
        .filter(f -> f.startsWith("warningExplanation") && !warnings.contains(f)).toArray(String[]::new);
    assertThat(answers.keySet()).as("every question the form asks of this report")
        .containsExactlyInAnyOrderElementsOf(questionnaire.editableFieldsExcept(hidden));

    ResponseEntity<JsonNode> answered = tasklist.send(endpoint, questionnaire, answers);
    assertThat(answered.getStatusCode().is2xxSuccessful()).as("%s", answered.getBody()).isTrue();

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(isvApi(isv, "/api/submissions/" + id).getBody().get("status").asText()).isEqualTo("CERTIFIED"));
    JsonNode kept = isvApi(isv, "/api/submissions/" + id).getBody().at("/certificationReport/questionnaire");
    answers.forEach((question, answer) -> {
      if (question.startsWith("warningExplanation")) {
        assertThat(kept.findValuesAsText("explanation")).as(question).contains((String) answer);
      } else if (!question.equals("answersConfirmed")) {
        assertThat(textsOf(kept, question, new java.util.ArrayList<>())).as(question).contains(String.valueOf(answer));
      }
    });
    assertThat(kept.findValuesAsText("explanation")).hasSize(warnings.size());

    // the secrets went through encrypted and nowhere else
    List<String> leaks = new SecretScanner()
        .secret("osVhdUri", signature(fixedOs)).secret("dataDiskUris", signature(fixedData))
        .secret("vmPrivateKey", key.privateKeyText().lines().skip(1).findFirst().orElseThrow())
        .scanDatabase(dataSource).findings();
    assertThat(leaks).as("secrets in clear in the database").isEmpty();
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(pi).list())
        .noneMatch(v -> List.of("osVhdUri", "dataDiskUris", "vmPassword", "vmPrivateKey").contains(v.getName()));
  }

  @ParameterizedTest
  @EnumSource(Endpoint.class)
  void theSizeReviewersDecisionAndCommentReachTheSubmissionAndTheIsv(Endpoint endpoint) {
    TestPublisher isv = publishers.active();
    String id = submit(isv, SubmissionFixtures.onSampleVm(vm, SubmissionFixtures.linux(vhd("os.vhd", 60 * GIB), null)));
    String pi = submissions.findById(id).orElseThrow().getProcessInstanceId();
    TasklistClient support = TasklistClient.engineRest(http, SUPPORT_USER, TestPublishers.PASSWORD);

    TaskForm review = support.open(support.awaitTask(pi, "reviewImageSize"));
    assertThat((String) review.value("findingsSummary")).contains("LNX-SIZE-1");
    String comment = "60 GB is more than the image needs: shrink the OS disk (" + endpoint + ")";
    Map<String, Object> decision = Map.of("reviewDecision", "reject", "reviewComment", comment);
    assertThat(decision.keySet()).containsExactlyInAnyOrderElementsOf(review.editableFields());

    ResponseEntity<JsonNode> reviewed = support.send(endpoint, review, decision);
    assertThat(reviewed.getStatusCode().is2xxSuccessful()).as("%s", reviewed.getBody()).isTrue();

    TasklistClient tasklist = TasklistClient.engineRest(http, isv.id(), TestPublishers.PASSWORD);
    TaskForm fix = tasklist.open(tasklist.awaitTask(pi, "fixSubmission"));
    assertThat(fix.value("reviewComment")).isEqualTo(comment);
    Submission record = submissionRecords.findById(id).orElseThrow();
    assertThat(record.getStatus()).isEqualTo(Submission.Status.NEEDS_FIX);
    assertThat(record.getReviewComment()).isEqualTo(comment);
    assertThat(instanceVariable(pi, "reviewDecision")).isEqualTo("reject");
  }

  // ----------------------------------------------------------------------------------------------

  private TasklistClient client(String api, String user) {
    return "tasklist".equals(api) ? TasklistClient.webapp(http, user, TestPublishers.PASSWORD)
        : TasklistClient.engineRest(http, user, TestPublishers.PASSWORD);
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

  private ResponseEntity<JsonNode> isvApi(TestPublisher isv, String path) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(isv.id(), TestPublishers.PASSWORD);
    headers.set(HttpHeaders.ACCEPT_LANGUAGE, "en");
    return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), JsonNode.class);
  }

  /** The value the process instance holds (not a task's local copy), as history keeps it. */
  private Object instanceVariable(String pi, String name) {
    return historyService.createHistoricVariableInstanceQuery().processInstanceId(pi).variableName(name).list().stream()
        .filter(v -> v.getTaskId() == null).map(v -> v.getValue()).findFirst().orElse(null);
  }

  private String vhd(String name, long virtualSize) {
    azurite.sparsePageBlob(container, name, virtualSize, VhdFooters.fixed(virtualSize).toBytes());
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return azurite.sasUri(container, name, "rl", now.minusHours(1), now.plusDays(30));
  }

  private static String signature(String sasUri) {
    return sasUri.substring(sasUri.indexOf("sig=") + 4).split("&")[0];
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Every text value kept under {@code key}, at any depth. */
  private static List<String> textsOf(JsonNode node, String key, List<String> found) {
    node.fields().forEachRemaining(field -> {
      if (field.getKey().equals(key) && field.getValue().isValueNode()) {
        found.add(field.getValue().asText());
      }
      textsOf(field.getValue(), key, found);
    });
    if (node.isArray()) {
      node.forEach(element -> textsOf(element, key, found));
    }
    return found;
  }

  private static List<JsonNode> findings(JsonNode body) {
    return StreamSupport.stream(body.get("findings").spliterator(), false).toList();
  }
}
