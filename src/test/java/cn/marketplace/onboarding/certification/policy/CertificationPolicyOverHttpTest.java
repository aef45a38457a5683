package cn.marketplace.onboarding.certification.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.marketplace.onboarding.account.AccountService;
import cn.marketplace.onboarding.application.ApplicationService;
import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.rules.PolicyRef;
import cn.marketplace.onboarding.submission.SubmissionFixtures;
import cn.marketplace.onboarding.submission.SubmissionForm;
import cn.marketplace.onboarding.submission.SubmissionRepository;
import cn.marketplace.onboarding.submission.TestPublishers;
import cn.marketplace.onboarding.submission.TestPublishers.TestPublisher;
import cn.marketplace.onboarding.submission.vhd.VhdFooters;
import cn.marketplace.onboarding.testsupport.Azurite;
import cn.marketplace.onboarding.testsupport.OnboardingHttpTest;
import cn.marketplace.onboarding.testsupport.SampleVmServer;
import cn.marketplace.onboarding.testsupport.StaffUsers;
import cn.marketplace.onboarding.testsupport.TasklistClient;
import cn.marketplace.onboarding.testsupport.TasklistClient.Endpoint;
import cn.marketplace.onboarding.testsupport.TestKeys;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
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
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The policy a submission is certified against, as the ISV and support see it over HTTP: the first run
 * records the policy in force, its report and every finding name it, a re-check after the ISV's fix
 * (Tasklist's submit-form) keeps the submission's policy, and only the support team moves it to another
 * policy in force. The suite's schedule: {@code azure-china-2015} now, {@code azure-current} from a date
 * years ahead (the suite shares one context: a schedule of its own would start a second engine).
 */
@OnboardingHttpTest
class CertificationPolicyOverHttpTest {

  private static final long GIB = 1024L * 1024 * 1024;
  private static final Azurite azurite = Azurite.instance();
  private static final String SUPPORT_USER = "support-policy";
  private static final PolicyRef CHINA_2015 = new PolicyRef("azure-china-2015", "1");
  private static final PolicyRef CURRENT = new PolicyRef("azure-current", "1");
  @AutoClose
  private static final SampleVmServer vm = SampleVmServer.start(TestKeys.ed25519()).serve("ubuntu-22.04-good");

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;
  @Autowired ApplicationService applications;
  @Autowired AccountService accounts;
  @Autowired SubmissionRepository submissions;
  @Autowired SubmissionPolicies submissionPolicies;
  @Autowired PolicySchedule schedule;
  @Autowired TransactionTemplate transactions;
  @Autowired SubmissionPolicyRepository assignments;

  private TestPublishers publishers;
  private String container;

  @BeforeEach
  void setUp() {
    publishers = new TestPublishers(applications, accounts, identityService);
    container = azurite.createContainer();
    StaffUsers.ensure(identityService, SUPPORT_USER, Groups.SUPPORT, TestPublishers.PASSWORD);
  }

  @Test
  void theFirstRunRecordsThePolicyInForceTheRecheckKeepsItAndOnlySupportMovesIt() throws IOException {
    TestPublisher isv = publishers.active();
    SubmissionForm wrongPort = SubmissionFixtures.with(SubmissionFixtures.onSampleVm(vm,
        SubmissionFixtures.linux(vhd("os.vhd", 30 * GIB), null)), "vmPort", closedPort());
    String id = submit(isv, wrongPort);
    String pi = submissions.findById(id).orElseThrow().getProcessInstanceId();

    // the first run is judged by the policy in force and says so
    JsonNode first = awaitReport(isv, id, null);
    assertThat(first.get("certificationPolicy").get("id").asText()).isEqualTo("azure-china-2015");
    assertThat(first.get("certificationPolicy").get("version").asText()).isEqualTo("1");
    assertThat(first.at("/certificationReport/policy/id").asText()).isEqualTo("azure-china-2015");
    assertThat(first.at("/certificationReport/policy/title").asText()).contains("2015");
    assertThat(first.at("/certificationReport/findings")).allSatisfy(f ->
        assertThat(f.get("policy").asText()).isEqualTo("azure-china-2015 v1"));

    // the ISV can't choose its policy
    ResponseEntity<JsonNode> byIsv = move(isv.id(), id, Map.of("policy", "azure-china-2015", "version", "1"));
    assertThat(byIsv.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(getStatus(isv, id).get("certificationPolicy").get("id").asText()).isEqualTo("azure-china-2015");

    // support can't move it to a policy not yet in force
    ResponseEntity<JsonNode> early = move(SUPPORT_USER, id, Map.of("policy", "azure-current", "version", "1"));
    assertThat(early.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(early.getBody().get("detail").asText()).contains("policy").contains("not in force");
    // support can't move it to a policy the product does not ship, nor leave out the version
    ResponseEntity<JsonNode> unknown = move(SUPPORT_USER, id, Map.of("policy", "azure-nope", "version", "1"));
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(unknown.getBody().get("detail").asText()).contains("policy").contains("azure-nope");
    ResponseEntity<JsonNode> noVersion = move(SUPPORT_USER, id, Map.of("policy", "azure-china-2015"));
    assertThat(noVersion.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noVersion.getBody().get("detail").asText()).contains("version");
    ResponseEntity<JsonNode> missing = http.exchange("/api/submissions/no-such-submission/certification-policy",
        HttpMethod.PUT, new HttpEntity<>(Map.of("policy", "azure-china-2015", "version", "1"), headers(SUPPORT_USER)),
        JsonNode.class);
    assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

    // support moves it to a policy in force, and the move is kept with the support user's name
    ResponseEntity<JsonNode> moved = move(SUPPORT_USER, id, Map.of("policy", "azure-china-2015", "version", "1"));
    assertThat(moved.getStatusCode()).as("%s", moved.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(moved.getBody().get("policy").asText()).isEqualTo("azure-china-2015");
    assertThat(assignments.findById(id)).get().extracting(SubmissionPolicy::getMovedBy).isEqualTo(SUPPORT_USER);

    // the ISV's fix, as Tasklist submits it: the re-check is judged by the submission's policy
    TasklistClient tasklist = TasklistClient.engineRest(http, isv.id(), TestPublishers.PASSWORD);
    var fix = tasklist.open(tasklist.awaitTask(pi, "fixSubmission"));
    ResponseEntity<JsonNode> fixed = tasklist.send(Endpoint.SUBMIT_FORM, fix, Map.of("vmPort", vm.port()));
    assertThat(fixed.getStatusCode().is2xxSuccessful()).as("%s", fixed.getBody()).isTrue();
    JsonNode second = awaitReport(isv, id, first.at("/certificationReport/reportId").asText());
    assertThat(second.at("/certificationReport/policy/id").asText()).isEqualTo("azure-china-2015");
    assertThat(second.at("/certificationReport/findings")).allSatisfy(f ->
        assertThat(f.get("policy").asText()).isEqualTo("azure-china-2015 v1"));
  }

  @Test
  void aSubmissionKeepsThePolicyOfItsFirstRunWhenTheNextOneTakesEffect() {
    // a 20 GiB OS disk fails the VHD checks (2015: 30-50 GiB): the submission waits for its fix, its certification has not run
    TestPublisher isv = publishers.active();
    String id = submit(isv, SubmissionFixtures.onSampleVm(vm, SubmissionFixtures.linux(vhd("os.vhd", 20 * GIB), null)));
    String pi = submissions.findById(id).orElseThrow().getProcessInstanceId();
    TasklistClient.engineRest(http, isv.id(), TestPublishers.PASSWORD).awaitTask(pi, "fixSubmission");
    assertThat(submissionPolicies.of(id)).isEmpty();
    assertThat(getStatus(isv, id).get("certificationPolicy").isNull()).isTrue();

    // its first run before azure-current takes effect is judged by the 2015 policy, and so is every run after it
    Instant takesEffect = schedule.steps().stream().filter(step -> step.policy().equals(CURRENT)).findFirst()
        .orElseThrow().effectiveFrom();
    Instant before = takesEffect.minus(Duration.ofDays(12));
    Instant after = takesEffect.plus(Duration.ofDays(31));
    assertThat(policyAt(id, before)).isEqualTo(CHINA_2015);
    assertThat(policyAt(id, after)).isEqualTo(CHINA_2015);
    assertThat(getStatus(isv, id).get("certificationPolicy").get("id").asText()).isEqualTo("azure-china-2015");
    // support moves it on to the policy in force
    transactions.executeWithoutResult(tx -> submissionPolicies.moveTo(id, CURRENT, SUPPORT_USER, after));
    assertThat(policyAt(id, after)).isEqualTo(CURRENT);
  }

  // ----------------------------------------------------------------------------------------------

  /** The policy a certification run of the submission at {@code now} is judged by, as the run asks it. */
  private PolicyRef policyAt(String id, Instant now) {
    PolicyRef[] ref = new PolicyRef[1];
    transactions.executeWithoutResult(tx -> ref[0] = submissionPolicies.forCertification(id, now).ref());
    return ref[0];
  }

  private JsonNode awaitReport(TestPublisher isv, String id, String previousReportId) {
    JsonNode[] status = new JsonNode[1];
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      status[0] = getStatus(isv, id);
      JsonNode report = status[0].get("certificationReport");
      assertThat(report).as("%s", status[0]).isNotNull();
      assertThat(report.isNull()).as("%s", status[0]).isFalse();
      if (previousReportId != null) {
        assertThat(report.get("reportId").asText()).isNotEqualTo(previousReportId);
      }
    });
    return status[0];
  }

  private JsonNode getStatus(TestPublisher isv, String id) {
    ResponseEntity<JsonNode> answer = http.exchange("/api/submissions/" + id, HttpMethod.GET,
        new HttpEntity<>(headers(isv.id())), JsonNode.class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    return answer.getBody();
  }

  private ResponseEntity<JsonNode> move(String user, String id, Map<String, String> body) {
    return http.exchange("/api/submissions/" + id + "/certification-policy", HttpMethod.PUT,
        new HttpEntity<>(body, headers(user)), JsonNode.class);
  }

  private HttpHeaders headers(String user) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, TestPublishers.PASSWORD);
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.set(HttpHeaders.ACCEPT_LANGUAGE, "en");
    return headers;
  }

  private String submit(TestPublisher isv, SubmissionForm form) {
    ResponseEntity<JsonNode> created = http.exchange("/api/submissions", HttpMethod.POST,
        new HttpEntity<>(form, headers(isv.id())), JsonNode.class);
    assertThat(created.getStatusCode()).as("%s", created.getBody()).isEqualTo(HttpStatus.CREATED);
    return created.getBody().get("id").asText();
  }

  private String vhd(String name, long virtualSize) {
    azurite.sparsePageBlob(container, name, virtualSize, VhdFooters.fixed(virtualSize).toBytes());
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return azurite.sasUri(container, name, "rl", now.minusHours(1), now.plusDays(30));
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
