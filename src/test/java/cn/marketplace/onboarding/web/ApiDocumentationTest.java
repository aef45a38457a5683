package cn.marketplace.onboarding.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.certification.policy.PolicySchedule;
import cn.marketplace.onboarding.submission.SubmissionChecks;
import cn.marketplace.onboarding.submission.SubmissionForm;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.testsupport.OnboardingHttpTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

/** The served {@code /v3/api-docs}, read as an API client's generator reads it. */
@OnboardingHttpTest
class ApiDocumentationTest {

  @Autowired TestRestTemplate http;
  @Autowired ObjectMapper json;
  @Autowired SubmissionChecks submissionChecks;
  @Autowired PolicySchedule policySchedule;
  JsonNode docs;

  @BeforeEach
  void read() {
    ResponseEntity<JsonNode> answer = http.getForEntity("/v3/api-docs", JsonNode.class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    docs = answer.getBody();
  }

  @Test
  void everyErrorIsProblemJsonAndNoAnswerIsOfAnyType() {
    List<String> operations = new ArrayList<>();
    docs.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
      String name = operation.getKey().toUpperCase() + " " + path.getKey();
      operations.add(name);
      operation.getValue().get("responses").fields().forEachRemaining(response -> {
        JsonNode answer = resolve(response.getValue());
        if (answer.has("content")) {
          assertThat(answer.get("content").has("*/*")).as(name + " " + response.getKey()).isFalse();
        }
        if (response.getKey().startsWith("4")) {
          assertThat(answer.at("/content/application~1problem+json/schema/$ref").asText())
              .as(name + " " + response.getKey()).isEqualTo("#/components/schemas/Problem");
        }
      });
    }));
    assertThat(operations).contains("POST /api/applications", "POST /api/submissions", "POST /api/releases",
        "GET /api/audit");
  }

  @Test
  void eachOperationNamesTheAnswersItGives() {
    JsonNode apply = docs.at("/paths/~1api~1applications/post/responses");
    assertThat(apply.has("200")).isFalse();
    assertThat(apply.at("/201/headers/Location").isMissingNode()).isFalse();
    assertThat(fieldNames(apply)).contains("201", "400", "413", "429").doesNotContain("401", "403", "409");
    assertThat(fieldNames(docs.at("/paths/~1api~1amendments~1{token}/get/responses"))).contains("410", "429");
    assertThat(fieldNames(docs.at("/paths/~1api~1submissions/post/responses"))).contains("201", "400", "401", "403")
        .doesNotContain("200");
    assertThat(fieldNames(docs.at("/paths/~1api~1submissions~1{id}/get/responses"))).contains("200", "401", "403", "404");
    assertThat(docs.at("/paths/~1api~1submissions~1{id}/get/responses/200/content/application~1json/schema")
        .isMissingNode()).isFalse();
    assertThat(fieldNames(docs.at("/paths/~1api~1releases/post/responses"))).contains("201", "400", "403", "404", "409");
    assertThat(docs.at("/components/responses/TooManyRequests/headers/Retry-After").isMissingNode()).isFalse();
  }

  @Test
  void httpBasicIsTheSchemeAndThePublicOperationsNeedNone() {
    assertThat(docs.at("/components/securitySchemes/basicAuth/type").asText()).isEqualTo("http");
    assertThat(docs.at("/components/securitySchemes/basicAuth/scheme").asText()).isEqualTo("basic");
    assertThat(docs.at("/security/0/basicAuth").isArray()).isTrue();
    for (String publicOperation : new String[] {"/paths/~1api~1applications/post", "/paths/~1api~1amendments~1{token}/get",
        "/paths/~1api~1amendments~1{token}/post", "/paths/~1api~1offers/get"}) {
      JsonNode security = docs.at(publicOperation + "/security");
      assertThat(security.isArray()).as(publicOperation).isTrue();
      assertThat(security).as(publicOperation).isEmpty();
    }
    assertThat(docs.at("/paths/~1api~1submissions/post/security").isMissingNode()).isTrue();
  }

  @Test
  void theApplicationsRequiredFieldsAreMarkedAndItsExampleIsAccepted() throws Exception {
    JsonNode form = docs.at("/components/schemas/ApplicationForm");
    List<String> required = new ArrayList<>();
    form.get("required").forEach(name -> required.add(name.asText()));
    assertThat(required).containsExactlyInAnyOrder("companyName", "unifiedSocialCreditCode", "registeredRegion",
        "registeredAddress", "contactName", "contactEmail", "contactPhone", "productType", "policyAccepted", "language");

    ObjectNode example = json.createObjectNode();
    form.get("properties").fields().forEachRemaining(property -> {
      assertThat(property.getValue().has("example")).as(property.getKey() + " has an example").isTrue();
      example.set(property.getKey(), property.getValue().get("example"));
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<JsonNode> answer = http.exchange("/api/applications", HttpMethod.POST,
        new HttpEntity<>(json.writeValueAsString(example), headers), JsonNode.class);
    assertThat(answer.getBody().path("errors")).as("field errors of the documented example").isEmpty();
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
  }

  @Test
  void theSubmissionsExamplePassesTheSubmissionChecks() throws Exception {
    JsonNode form = docs.at("/components/schemas/SubmissionForm");
    assertThat(form.get("required")).extracting(JsonNode::asText)
        .contains("offerId", "skuId", "pricingModel", "osFamily", "osName", "vmSizes", "version", "osVhdUri");
    SubmissionForm example = json.treeToValue(example(form), SubmissionForm.class);
    List<Finding> failures = submissionChecks.check(null, example.normalized(), Optional.empty(), policySchedule.inForce(Instant.now())).stream()
        .filter(Finding::failed).toList();
    assertThat(failures).as("failed rules of the documented example").isEmpty();
  }

  @Test
  void theReleasesRequiredFieldsAreMarked() {
    assertThat(docs.at("/components/schemas/ReleaseForm/required")).extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("offerId", "titleZh", "titleEn", "summaryZh", "summaryEn", "descriptionZh",
            "descriptionEn");
  }

  /** An object of each property's documented example. */
  ObjectNode example(JsonNode schema) {
    ObjectNode example = json.createObjectNode();
    schema.get("properties").fields().forEachRemaining(property -> {
      if (property.getValue().has("example")) {
        example.set(property.getKey(), property.getValue().get("example"));
      }
    });
    return example;
  }

  private JsonNode resolve(JsonNode response) {
    String ref = response.path("$ref").asText("");
    return ref.isEmpty() ? response : docs.at(ref.substring(1));
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
