package cn.marketplace.onboarding.submission;

import static cn.marketplace.onboarding.submission.vhd.VhdFooters.GIB;
import cn.marketplace.onboarding.process.ImageCertification;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.marketplace.onboarding.account.AccountService;
import cn.marketplace.onboarding.application.ApplicationService;
import cn.marketplace.onboarding.submission.TestPublishers.TestPublisher;
import cn.marketplace.onboarding.submission.vhd.VhdFooters;
import cn.marketplace.onboarding.testsupport.Azurite;
import cn.marketplace.onboarding.testsupport.OnboardingHttpTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
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

/** IMG-TYPE-1 and IMG-TYPE-2 through {@code /api/submissions}, as ISV automation sends them. */
@OnboardingHttpTest
class SubmissionImageTypeApiTest {

  private static final Azurite azurite = Azurite.instance();

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
  }

  @Test
  void anUnknownGenerationIsRefusedNamingTheFieldAndTheRuleAndStartsNothing() {
    TestPublisher publisher = publishers.active();
    Map<String, Object> body = submission();
    body.put("generation", "gen3");
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey(ImageCertification.KEY).count();

    ResponseEntity<JsonNode> refused = call(publisher.id(), HttpMethod.POST, "/api/submissions", body, "zh-CN");

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(refused.getBody().get("detail").asText()).startsWith("[IMG-TYPE-1] generation：“gen3”").contains("gen1, gen2");
    assertThat(refused.getBody().get("field").asText()).isEqualTo("generation");
    assertThat(refused.getBody().get("rule").asText()).isEqualTo("IMG-TYPE-1");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(ImageCertification.KEY).count())
        .isEqualTo(before);

    body.put("generation", "gen2");
    body.put("architecture", "sparc");
    ResponseEntity<JsonNode> architecture = call(publisher.id(), HttpMethod.POST, "/api/submissions/check", body, "en");
    assertThat(architecture.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(architecture.getBody().get("field").asText()).isEqualTo("architecture");
    assertThat(architecture.getBody().get("detail").asText()).contains("[IMG-TYPE-1]", "\"sparc\"", "x64, arm64");
  }

  /** The suite runs under azure-china-2015, whose guides knew x64 generation 1 images only. */
  @Test
  void aGen2SubmissionUnderThe2015PolicyIsStoredAsGen2AndSentBackNamingTheRuleAndTheField() {
    TestPublisher publisher = publishers.active();
    Map<String, Object> body = submission();
    body.put("generation", "Gen2");

    ResponseEntity<JsonNode> dryRun = call(publisher.id(), HttpMethod.POST, "/api/submissions/check", body, "en");
    assertThat(findings(dryRun.getBody(), "IMG-TYPE-1")).filteredOn(f -> f.get("result").asText().equals("fail"))
        .singleElement().satisfies(f -> {
          assertThat(f.get("subject").asText()).isEqualTo("generation");
          assertThat(f.get("message").asText()).contains("x64 gen2", "azure-china-2015 v1", "x64 gen1");
        });

    ResponseEntity<JsonNode> created = call(publisher.id(), HttpMethod.POST, "/api/submissions", body, "en");
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String id = created.getBody().get("id").asText();

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
        call(publisher.id(), HttpMethod.GET, "/api/submissions/" + id, null, "en").getBody().get("status").asText())
        .isEqualTo("NEEDS_FIX"));
    JsonNode status = call(publisher.id(), HttpMethod.GET, "/api/submissions/" + id, null, "en").getBody();
    assertThat(status.get("generation").asText()).isEqualTo("gen2");
    assertThat(status.get("architecture").asText()).isEqualTo("x64");
    assertThat(findings(status, "IMG-TYPE-1")).filteredOn(f -> f.get("result").asText().equals("fail"))
        .extracting(f -> f.get("subject").asText()).containsExactly("generation");
    JsonNode boot = findings(status, "IMG-TYPE-2").get(0);
    assertThat(boot.get("subject").asText()).isEqualTo("osVhd");
    assertThat(boot.get("result").asText()).isEqualTo("fail");
    assertThat(boot.get("message").asText()).contains("gen1 only");
  }

  private static List<JsonNode> findings(JsonNode body, String ruleId) {
    return StreamSupport.stream(body.get("findings").spliterator(), false)
        .filter(f -> f.get("ruleId").asText().equals(ruleId)).toList();
  }

  /** A valid submission whose OS disk is an MBR disk with boot code (the test VHDs' default). */
  private Map<String, Object> submission() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    azurite.sparsePageBlob(container, "os.vhd", 30 * GIB, VhdFooters.fixed(30 * GIB).toBytes());
    String sas = azurite.sasUri(container, "os.vhd", "rl", now.minusHours(1), now.plusDays(30));
    @SuppressWarnings("unchecked")
    Map<String, Object> body = new ObjectMapper().convertValue(SubmissionFixtures.linux(sas, null), Map.class);
    return new HashMap<>(body);
  }

  private ResponseEntity<JsonNode> call(String user, HttpMethod method, String path, Object body, String language) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, TestPublishers.PASSWORD);
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.set(HttpHeaders.ACCEPT_LANGUAGE, language);
    return http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
  }
}
