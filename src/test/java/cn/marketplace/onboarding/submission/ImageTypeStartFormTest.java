package cn.marketplace.onboarding.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.marketplace.onboarding.account.AccountService;
import cn.marketplace.onboarding.application.ApplicationService;
import cn.marketplace.onboarding.catalog.ImageType;
import cn.marketplace.onboarding.testsupport.OnboardingHttpTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The image type entered on the submission's start form, sent as Tasklist sends it (the engine's
 * {@code submit-form}): stored on the submission as chosen; an unknown value refused with 400 naming
 * the field and IMG-TYPE-1, and nothing started.
 */
@OnboardingHttpTest
class ImageTypeStartFormTest {

  private static final String START = "/engine-rest/process-definition/key/" + SubmissionService.PROCESS_KEY
      + "/submit-form";

  @Autowired TestRestTemplate http;
  @Autowired ObjectMapper json;
  @Autowired ApplicationService applications;
  @Autowired AccountService accounts;
  @Autowired IdentityService identityService;
  @Autowired HistoryService historyService;
  @Autowired SubmissionRepository submissions;

  @Test
  void theStartFormsImageTypeIsStoredAndAnUnknownOneRefused() throws Exception {
    TestPublishers.TestPublisher isv = new TestPublishers(applications, accounts, identityService).active();
    Map<String, Object> fields = SubmissionFixtures.variables(SubmissionFixtures.linux());
    fields.put("generation", "gen9");
    long before = started();

    ResponseEntity<String> refused = start(isv.id(), fields);

    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat(json.readTree(refused.getBody()).path("message").asText()).contains("[IMG-TYPE-1]", "generation",
        "gen9");
    assertThat(started()).as("submissions started").isEqualTo(before);

    fields.put("generation", "gen2");
    fields.put("architecture", "arm64");
    ResponseEntity<String> accepted = start(isv.id(), fields);
    assertThat(accepted.getStatusCode().value()).as(accepted.getBody()).isEqualTo(200);
    String instance = json.readTree(accepted.getBody()).path("id").asText();
    Submission stored = await().atMost(Duration.ofSeconds(30))
        .until(() -> submissions.findByProcessInstanceId(instance).orElse(null), found -> found != null);
    assertThat(stored.getImageType())
        .isEqualTo(new ImageType(ImageType.Generation.GEN2, ImageType.Architecture.ARM64));
  }

  private ResponseEntity<String> start(String user, Map<String, Object> fields) {
    Map<String, Object> variables = new LinkedHashMap<>();
    fields.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, TestPublishers.PASSWORD);
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange(START, HttpMethod.POST, new HttpEntity<>(Map.of("variables", variables), headers),
        String.class);
  }

  private long started() {
    return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(SubmissionService.PROCESS_KEY)
        .count();
  }
}
