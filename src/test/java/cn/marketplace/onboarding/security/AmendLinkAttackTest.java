package cn.marketplace.onboarding.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.marketplace.onboarding.application.ApplicationFixtures;
import cn.marketplace.onboarding.application.ApplicationService;
import cn.marketplace.onboarding.testsupport.Mails;
import cn.marketplace.onboarding.testsupport.OnboardingHttpTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The one-time amendment link under attack, over HTTP: reuse, expiry, guessing, abuse of its length. */
@OnboardingHttpTest
class AmendLinkAttackTest {

  @Autowired TestRestTemplate http;
  @Autowired ApplicationService applications;
  @Autowired TaskService taskService;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aLinkWorksOnceAndNeverAgain() {
    String token = moreInfoRequested();
    ResponseEntity<JsonNode> form = http.getForEntity("/api/amendments/" + token, JsonNode.class);
    assertThat(form.getStatusCode()).isEqualTo(HttpStatus.OK);
    ObjectNode amended = form.getBody().deepCopy();
    amended.put("companyName", "Amended Once Ltd.");
    assertThat(http.postForEntity("/api/amendments/" + token, amended, JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);

    amended.put("companyName", "Amended Twice Ltd.");
    assertGone(http.postForEntity("/api/amendments/" + token, amended, JsonNode.class));
    assertGone(http.getForEntity("/api/amendments/" + token, JsonNode.class));
  }

  @Test
  void aLinkExpiresAfterTheAmendWindow() {
    String token = moreInfoRequested();
    assertThat(http.getForEntity("/api/amendments/" + token, JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant()
        .plus(ApplicationService.AMEND_WINDOW).plusSeconds(60)));
    assertGone(http.getForEntity("/api/amendments/" + token, JsonNode.class));
  }

  @Test
  void guessedMalformedAndOverlongTokensAreRefusedAlike() {
    byte[] guess = new byte[32];
    new SecureRandom().nextBytes(guess);
    assertGone(http.getForEntity("/api/amendments/" + Base64.getUrlEncoder().withoutPadding().encodeToString(guess),
        JsonNode.class));
    assertGone(http.getForEntity("/api/amendments/" + "A".repeat(4000), JsonNode.class));
    assertGone(http.getForEntity("/api/amendments/' OR '1'='1", JsonNode.class));
    assertGone(http.postForEntity("/api/amendments/" + "x".repeat(101),
        ApplicationFixtures.unique("overlong@example.cn"), JsonNode.class));
    // a path that tries to leave the endpoint never reaches it
    ResponseEntity<String> traversal = http.getForEntity("/api/amendments/..%2F..%2Fapplications", String.class);
    assertThat(traversal.getStatusCode().is4xxClientError()).isTrue();
  }

  /** A new application whose reviewer asked for more information; the link from the applicant's mail. */
  private String moreInfoRequested() {
    String email = "amend-" + UUID.randomUUID() + "@example.cn";
    String instance = applications.submit(ApplicationFixtures.inLanguage(ApplicationFixtures.unique(email), "en"))
        .processInstanceId();
    String review = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
    taskService.complete(review, Map.of("reviewDecision", "moreInfo", "reviewComment", "Which distributions?"));
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
        .until(() -> Mails.find(email, "amend=([A-Za-z0-9_-]+)") != null);
    return Mails.find(email, "amend=([A-Za-z0-9_-]+)");
  }

  private static void assertGone(ResponseEntity<JsonNode> response) {
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.GONE);
    assertThat(response.getBody().get("type").asText()).endsWith("amend-link-invalid");
  }
}
