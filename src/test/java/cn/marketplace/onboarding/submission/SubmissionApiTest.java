package cn.marketplace.onboarding.submission;

import static cn.marketplace.onboarding.submission.vhd.VhdFooters.GIB;
import cn.marketplace.onboarding.process.ImageCertification;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.marketplace.onboarding.account.AccountService;
import cn.marketplace.onboarding.application.ApplicationService;
import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.submission.vhd.VhdFooters;
import cn.marketplace.onboarding.submission.TestPublishers.TestPublisher;
import cn.marketplace.onboarding.testsupport.Azurite;
import cn.marketplace.onboarding.testsupport.OnboardingHttpTest;
import cn.marketplace.onboarding.testsupport.SampleVmServer;
import cn.marketplace.onboarding.testsupport.TestKeys;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
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
 * {@code /api/submissions} over HTTP, as ISV automation and the support team use it, with real VHDs in
 * Azurite and a sample VM over real SSH for the certification tests.
 */
@OnboardingHttpTest
class SubmissionApiTest {

  private static final Azurite azurite = Azurite.instance();
  private static final String SUPPORT_USER = "support-api";
  private static final String OUTSIDER = "outsider-api";
  @AutoClose
  private static final SampleVmServer vm = SampleVmServer.start(TestKeys.ed25519());

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;
  @Autowired RuntimeService runtimeService;
  @Autowired ApplicationService applications;
  @Autowired AccountService accounts;

  private TestPublishers publishers;
  private String container;

  @BeforeEach
  void setUp() {
    publishers = new TestPublishers(applications, accounts, identityService);
    container = azurite.createContainer();
    user(SUPPORT_USER, Groups.SUPPORT);
    user(OUTSIDER, Groups.OPERATIONS);
  }

  @Test
  void anActivePublisherSubmitsAnswersTheQuestionnaireAndReadsItsReportWhichNoOtherIsvSees() {
    TestPublisher alpha = publishers.active();
    TestPublisher beta = publishers.active();
    vm.serve("ubuntu-22.04-good");
    SubmissionForm form = SubmissionFixtures.onSampleVm(vm,
        SubmissionFixtures.linux(vhd("os.vhd", 30 * GIB), "0=" + vhd("data0.vhd", 8 * GIB)));

    ResponseEntity<JsonNode> created = call(alpha.id(), HttpMethod.POST, "/api/submissions", form, "en");
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String id = created.getBody().get("id").asText();
    assertThat(created.getHeaders().getLocation()).hasPath("/api/submissions/" + id);
    assertThat(created.getBody().get("processInstanceId").asText()).isNotBlank();
    assertThat(created.getBody().get("status").asText()).isEqualTo("REGISTERED");

    // checks and certification tests run in the background; the questionnaire waits for the ISV
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
        call(alpha.id(), HttpMethod.GET, "/api/submissions/" + id, null, "en").getBody().get("status").asText())
        .isEqualTo("QUESTIONNAIRE"));
    JsonNode status = call(alpha.id(), HttpMethod.GET, "/api/submissions/" + id, null, "en").getBody();
    assertThat(status.get("findings")).isNotEmpty().allSatisfy(finding -> {
      assertThat(finding.get("ruleId").asText()).matches("[A-Z]+(-[A-Z]+)?-\\d+");
      assertThat(finding.get("result").asText()).isIn("pass", "warning");
      assertThat(finding.get("message").asText()).startsWith("[" + finding.get("ruleId").asText() + "] ");
    });
    assertThat(subjects(status)).contains("osVhd", "lun0", "offerId", "version", "vm");
    JsonNode report = status.get("certificationReport");
    assertThat(report.get("status").asText()).isEqualTo("QUESTIONNAIRE");
    assertThat(report.at("/run/hostKeyFingerprint").asText()).startsWith("SHA256:");
    assertThat(findings(report)).extracting(f -> f.get("ruleId").asText()).contains("CERT-2", "LNX-SSH-1", "CERT-3");
    assertThat(findings(report)).filteredOn(f -> f.get("ruleId").asText().equals("CERT-2")).singleElement()
        .satisfies(f -> assertThat(f.get("evidence").asText()).contains(report.at("/run/hostKeyFingerprint").asText()));
    assertThat(status.toString()).doesNotContain("sig=").doesNotContain(SampleVmServer.PASSWORD);

    // another ISV learns nothing of it; the support team sees it
    ResponseEntity<JsonNode> foreign = call(beta.id(), HttpMethod.GET, "/api/submissions/" + id, null, "en");
    assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(foreign.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(foreign.getBody().toString()).doesNotContain("certificationReport");
    assertThat(call(OUTSIDER, HttpMethod.GET, "/api/submissions/" + id, null, "en").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);

    // the ISV answers the questionnaire through the engine's REST API, as its automation would
    String processInstanceId = created.getBody().get("processInstanceId").asText();
    JsonNode tasks = call(alpha.id(), HttpMethod.GET, "/engine-rest/task?processInstanceId=" + processInstanceId
        + "&maxResults=10", null, "en").getBody();
    assertThat(tasks).singleElement().satisfies(t -> assertThat(t.get("taskDefinitionKey").asText())
        .isEqualTo("answerQuestionnaire"));
    assertThat(call(beta.id(), HttpMethod.GET, "/engine-rest/task?processInstanceId=" + processInstanceId
        + "&maxResults=10", null, "en").getBody()).isEmpty();
    ResponseEntity<JsonNode> answered = call(alpha.id(), HttpMethod.POST,
        "/engine-rest/task/" + tasks.get(0).get("id").asText() + "/complete", Map.of("variables", Map.of(
            "endorsedDistribution", typed("yes"), "latestUpdatesInstalled", typed("yes"),
            "securityGuidanceFollowed", typed("yes"), "noSharedCredentials", typed("yes"),
            "generalizedLastStep", typed("yes"), "softwareLicensed", typed("yes"),
            "collectsCustomerData", typed("no"), "kernelCustomisation", typed("none"),
            "sshAccessNotes", typed("Port 22 is open to the certification network only"),
            "answersConfirmed", Map.of("value", true, "type", "Boolean"))), "en");
    assertThat(answered.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
        call(alpha.id(), HttpMethod.GET, "/api/submissions/" + id, null, "en").getBody().get("status").asText())
        .isEqualTo("CERTIFIED"));
    JsonNode certified = call(SUPPORT_USER, HttpMethod.GET, "/api/submissions/" + id, null, "zh-CN").getBody();
    assertThat(certified.at("/certificationReport/status").asText()).isEqualTo("CERTIFIED");
    assertThat(certified.at("/certificationReport/questionnaire/sshAccessNotes").asText()).contains("Port 22");
    assertThat(certified.at("/certificationReport/published/html").asText()).endsWith(".html");
    assertThat(findings(certified.get("certificationReport"))).allSatisfy(f ->
        assertThat(f.get("message").asText()).isEqualTo(f.at("/messages/zh-CN").asText()));
    assertThat(call(beta.id(), HttpMethod.GET, "/api/submissions/" + id, null, "en").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void onlyUsersOfAnActivePublisherMaySubmit() {
    TestPublisher inactive = publishers.issued();
    SubmissionForm form = SubmissionFixtures.linux(vhd("os.vhd", 30 * GIB), null);
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey(ImageCertification.KEY).count();

    ResponseEntity<JsonNode> refused = call(inactive.id(), HttpMethod.POST, "/api/submissions", form, "en");
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(refused.getBody().get("detail").asText()).contains("[ACCT-2]", inactive.id());
    assertThat(call(SUPPORT_USER, HttpMethod.POST, "/api/submissions", form, "en").getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.postForEntity("/api/submissions", form, String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(ImageCertification.KEY).count())
        .isEqualTo(before);
  }

  @Test
  void aDryRunChecksTheOsDiskAndFifteenDataDisksAndStartsNothing() {
    TestPublisher notYetActive = publishers.issued();
    String dataDisks = IntStream.range(0, 15).mapToObj(lun -> lun + "=" + vhd("data" + lun + ".vhd", GIB))
        .collect(Collectors.joining("\n"));
    SubmissionForm form = SubmissionFixtures.with(SubmissionFixtures.linux(vhd("os.vhd", 30 * GIB), dataDisks),
        "version", "1.0");
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey(ImageCertification.KEY).count();

    ResponseEntity<JsonNode> checked = call(notYetActive.id(), HttpMethod.POST, "/api/submissions/check", form, "zh-CN");
    assertThat(checked.getStatusCode()).isEqualTo(HttpStatus.OK);
    Set<String> diskSubjects = new TreeSet<>(subjects(checked.getBody()));
    diskSubjects.removeIf(subject -> !subject.equals("osVhd") && !subject.matches("lun\\d+"));
    assertThat(diskSubjects).hasSize(16).contains("osVhd", "lun0", "lun14");
    for (String disk : diskSubjects) {
      assertThat(findings(checked.getBody())).filteredOn(f -> f.get("subject").asText().equals(disk))
          .as(disk).extracting(f -> f.get("ruleId").asText()).contains("SAS-1", "SAS-8", "VHD-FMT-1");
    }
    assertThat(findings(checked.getBody())).filteredOn(f -> f.get("result").asText().equals("fail"))
        .extracting(f -> f.get("ruleId").asText() + " " + f.get("subject").asText()).containsExactly("SUB-1 version");
    assertThat(findings(checked.getBody())).filteredOn(f -> f.get("subject").asText().equals("version"))
        .first().satisfies(f -> assertThat(f.get("message").asText()).contains("不是由整数组成的"));
    assertThat(checked.getBody().toString()).doesNotContain("sig=").doesNotContain("Cert-VM-passw0rd!");

    assertThat(call(SUPPORT_USER, HttpMethod.POST, "/api/submissions/check", form, "en").getStatusCode())
        .isEqualTo(HttpStatus.OK);
    ResponseEntity<JsonNode> outsider = call(OUTSIDER, HttpMethod.POST, "/api/submissions/check", form, "en");
    assertThat(outsider.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(outsider.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(ImageCertification.KEY).count())
        .isEqualTo(before);
  }

  private static Map<String, Object> typed(String value) {
    return Map.of("value", value, "type", "String");
  }

  private String vhd(String name, long virtualSize) {
    azurite.sparsePageBlob(container, name, virtualSize, VhdFooters.fixed(virtualSize).toBytes());
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return azurite.sasUri(container, name, "rl", now.minusHours(1), now.plusDays(30));
  }

  private static List<JsonNode> findings(JsonNode body) {
    return StreamSupport.stream(body.get("findings").spliterator(), false).toList();
  }

  private static List<String> subjects(JsonNode body) {
    return findings(body).stream().map(f -> f.get("subject").asText()).distinct().toList();
  }

  private void user(String id, String group) {
    if (identityService.createUserQuery().userId(id).count() == 0) {
      User user = identityService.newUser(id);
      user.setPassword(TestPublishers.PASSWORD);
      identityService.saveUser(user);
      identityService.createMembership(id, group);
    }
  }

  private ResponseEntity<JsonNode> call(String user, HttpMethod method, String path, Object body, String language) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, TestPublishers.PASSWORD);
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.set(HttpHeaders.ACCEPT_LANGUAGE, language);
    return http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
  }
}
