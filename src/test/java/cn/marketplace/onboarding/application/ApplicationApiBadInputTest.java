package cn.marketplace.onboarding.application;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.testsupport.OnboardingHttpTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Bad applications over HTTP: each gets problem+json naming the fields and rules, and starts nothing. */
@OnboardingHttpTest
class ApplicationApiBadInputTest {

  @Autowired TestRestTemplate http;
  @Autowired ApplicationRepository applicationRepository;
  @Autowired org.camunda.bpm.engine.RuntimeService runtimeService;

  @Test
  void everyBadFieldIsNamedWithItsRule() {
    Map<String, Object> body = new java.util.HashMap<>(ApplicationFixtures.valid().toVariables());
    body.put("unifiedSocialCreditCode", "914403001922038217");
    body.put("registeredRegion", "CN-TW");
    body.put("productType", "saas");
    body.put("policyAccepted", false);
    body.put("contactEmail", "not-mail");
    ResponseEntity<JsonNode> answer = post(body);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(answer.getBody().get("errors")).extracting(e -> e.get("field").asText() + "/" + e.get("ruleId").asText())
        .containsExactlyInAnyOrder("unifiedSocialCreditCode/APPLY-3", "registeredRegion/APPLY-3",
            "productType/SCOPE-1", "policyAccepted/APPLY-1", "contactEmail/APPLY-4");
    assertThat(answer.getBody().get("errors").get(0).get("message").asText()).startsWith("[");
  }

  @Test
  void malformedJsonIsAProblemNotAStackTrace() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<JsonNode> answer = http.postForEntity("/api/applications",
        new HttpEntity<>("{\"companyName\": \"x\", ", headers), JsonNode.class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(answer.getBody().get("title").asText()).isEqualTo("Malformed request");
    assertThat(answer.getBody().toString()).doesNotContain("Exception").doesNotContain("at cn.");

    ResponseEntity<JsonNode> wrongType = http.postForEntity("/api/applications",
        new HttpEntity<>("{\"policyAccepted\": {\"a\": 1}}", headers), JsonNode.class);
    assertThat(wrongType.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void oversizedFieldsAndMarkupAreRefused() {
    Map<String, Object> body = new java.util.HashMap<>(ApplicationFixtures.unique("big@example.cn").toVariables());
    body.put("companyName", "公".repeat(5000));
    body.put("registeredAddress", "<img src=x onerror=alert(1)>");
    ResponseEntity<JsonNode> answer = post(body);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody().get("errors")).extracting(e -> e.get("field").asText())
        .containsExactlyInAnyOrder("companyName", "registeredAddress");
  }

  @Test
  void theErrorsSpeakTheRequestedLanguage() {
    Map<String, Object> body = new java.util.HashMap<>(ApplicationFixtures.unique("lang@example.cn").toVariables());
    body.put("policyAccepted", false);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.set(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN");
    JsonNode zh = http.postForEntity("/api/applications", new HttpEntity<>(body, headers), JsonNode.class).getBody();
    assertThat(zh.get("errors").get(0).get("message").asText()).isEqualTo("[APPLY-1] 申请前请确认镜像市场参与政策。");
    headers.set(HttpHeaders.ACCEPT_LANGUAGE, "en");
    JsonNode en = http.postForEntity("/api/applications", new HttpEntity<>(body, headers), JsonNode.class).getBody();
    assertThat(en.get("errors").get(0).get("message").asText()).contains("participation policy");
  }

  @Test
  void aSecondApplicationForTheSameCompanyGetsTheAnswerOfAFirstOne() {
    ApplicationForm form = ApplicationFixtures.unique("twice@example.cn");
    ResponseEntity<JsonNode> first = post(form.toVariables());
    assertThat(first.getStatusCode()).as("APPLY-2: an application is made online").isEqualTo(HttpStatus.CREATED);
    // a stranger probing whether the company applied learns nothing: same status, same body shape
    Map<String, Object> probe = new java.util.HashMap<>(form.toVariables());
    probe.put("contactEmail", "prober@attacker.example");
    ResponseEntity<JsonNode> second = post(probe);
    assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(fieldNames(second.getBody())).isEqualTo(fieldNames(first.getBody()));
    assertThat(second.getBody().get("id").asText()).isNotEqualTo(first.getBody().get("id").asText());
    assertThat(second.getBody().get("status").asText()).isEqualTo(first.getBody().get("status").asText());
    // inside the product the second is marked for the reviewer; the first keeps its place and its data
    Application earlier = applicationRepository.findById(first.getBody().get("id").asText()).orElseThrow();
    Application duplicate = applicationRepository.findById(second.getBody().get("id").asText()).orElseThrow();
    assertThat(duplicate.getDuplicateOf()).isEqualTo(earlier.getId());
    assertThat(earlier.getDuplicateOf()).isNull();
    assertThat(earlier.getContactEmail()).isEqualTo("twice@example.cn");
    assertThat(runtimeService.getVariable(second.getBody().get("processInstanceId").asText(), "possibleDuplicateOf"))
        .isEqualTo(earlier.getId());
  }

  private static java.util.List<String> fieldNames(JsonNode body) {
    java.util.List<String> names = new java.util.ArrayList<>();
    body.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void anUnknownOrReusedAmendLinkIsGone() {
    assertThat(http.getForEntity("/api/amendments/not-a-token", JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.GONE);
  }

  private ResponseEntity<JsonNode> post(Object body) {
    return http.postForEntity("/api/applications", body, JsonNode.class);
  }
}
