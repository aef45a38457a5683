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
  void aSecondApplicationForTheSameCompanyIsAConflict() {
    ApplicationForm form = ApplicationFixtures.unique("twice@example.cn");
    assertThat(post(form.toVariables()).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    ResponseEntity<JsonNode> second = post(form.toVariables());
    assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(second.getBody().get("errors").get(0).get("ruleId").asText()).isEqualTo("APPLY-3");
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
