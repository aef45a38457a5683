package cn.marketplace.onboarding.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.application.ApplicationFixtures;
import cn.marketplace.onboarding.testsupport.TestInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The public endpoints' limits, over HTTP, with the limits an operator gets by default (30 API calls
 * and 300 page loads per 10 minutes): a client past its burst gets 429 with Retry-After while
 * another client goes on; reading the apply page never uses up the applications; a body over the
 * limit gets 413 whether or not it announces its length.
 * Clients are told apart by X-Forwarded-For, which counts here because the test runs with
 * {@code server.forward-headers-strategy=native} and its requests come from a loopback proxy.
 * Its engine has a name of its own (unlike {@code @OnboardingHttpTest}): a second engine named
 * {@code default} in this JVM would take the engine REST API of the shared HTTP context over.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "onboarding.security.rate-limit.capacity=30",
    "onboarding.security.rate-limit.refill-period=10m",
    "onboarding.security.page-rate-limit.capacity=300",
    "onboarding.security.page-rate-limit.refill-period=10m",
    "onboarding.security.max-body-size=1KB",
    "server.forward-headers-strategy=native"})
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestInfrastructure.class)
class PublicEndpointLimitsTest {

  @Autowired TestRestTemplate http;
  @Autowired ProcessEngine processEngine;
  @Autowired ObjectMapper json;
  @LocalServerPort int port;

  @Test
  void twentyPageLoadsLeaveTheApplicationsAndTheThirtyFirstApplicationIsToldToWait() throws Exception {
    String client = "203.0.113.10";
    for (int load = 0; load < 20; load++) {
      for (String file : pageWithAllItsFiles(client)) {
        assertThat(get(client, file).getStatusCode()).as("load %d: %s", load + 1, file).isEqualTo(HttpStatus.OK);
      }
    }
    for (int i = 0; i < 30; i++) {
      assertThat(postApplication(client, "{}").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }
    ResponseEntity<String> refused = postApplication(client, "{}");
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(refused.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
    assertThat(json.readTree(refused.getBody()).get("status").asInt()).isEqualTo(429);
    assertThat(Long.parseLong(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1L, 600L);
    assertThat(get(client, "/api/amendments/unknown-token").getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    // the page stays readable: it has a budget of its own
    assertThat(get(client, "/apply/").getStatusCode()).isEqualTo(HttpStatus.OK);

    assertThat(get("203.0.113.11", "/api/amendments/unknown-token").getStatusCode()).isEqualTo(HttpStatus.GONE);
    // signed-in surfaces are not rate-limited by this guard
    assertThat(get(client, "/engine-rest/engine/" + processEngine.getName() + "/task").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void aBrowserPastThePagesBudgetGetsABilingualPageSayingWhenToTryAgain() {
    String client = "203.0.113.12";
    ResponseEntity<String> answer = get(client, "/apply/");
    for (int i = 0; i < 400 && answer.getStatusCode() == HttpStatus.OK; i++) {
      answer = get(client, i % 2 == 0 ? "/apply/form.json" : "/apply/");
    }
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(answer.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
    long retryAfter = Long.parseLong(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
    assertThat(retryAfter).isBetween(1L, 600L);
    assertThat(answer.getBody()).contains("请稍后再试", "Please try again later",
        "请在 " + retryAfter + " 秒", "try again in " + retryAfter + " seconds");
    // the API's answers are untouched by the page's budget
    assertThat(get(client, "/api/amendments/unknown-token").getStatusCode()).isEqualTo(HttpStatus.GONE);
  }

  /** What a browser fetches for one load of the apply page, as the page names them. */
  private List<String> pageWithAllItsFiles(String client) {
    ResponseEntity<String> page = get(client, "/apply/");
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    List<String> files = new ArrayList<>(List.of("/apply/form.json"));
    Matcher link = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page.getBody());
    while (link.find()) {
      files.add(link.group(1).startsWith("/") ? link.group(1) : "/apply/" + link.group(1));
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(6);
    return files;
  }

  private ResponseEntity<String> postApplication(String client, String body) {
    HttpHeaders headers = from(client);
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange("/api/applications", HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
  }

  @Test
  void aValidApplicationWithinTheLimitsIsAccepted() {
    HttpHeaders headers = from("203.0.113.20");
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<JsonNode> created = http.exchange("/api/applications", HttpMethod.POST,
        new HttpEntity<>(ApplicationFixtures.unique("limits@example.cn"), headers), JsonNode.class);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
  }

  @Test
  void anOversizedBodyIsRefusedBeforeParsing() {
    HttpHeaders headers = from("203.0.113.30");
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<JsonNode> refused = http.exchange("/api/applications", HttpMethod.POST,
        new HttpEntity<>(oversizedJson(), headers), JsonNode.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
    assertThat(refused.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
    assertThat(refused.getBody().get("type").asText()).endsWith("payload-too-large");
  }

  @Test
  void anOversizedChunkedBodyWithoutLengthIsRefusedToo() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/amendments/some-token"))
        .header("Content-Type", "application/json").header("X-Forwarded-For", "203.0.113.31")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(oversizedJson().getBytes())))
        .build();
    HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(json.readTree(response.body()).get("status").asInt()).isEqualTo(413);
  }

  private static String oversizedJson() {
    char[] filler = new char[4096];
    Arrays.fill(filler, 'x');
    return "{\"companyName\":\"" + new String(filler) + "\"}";
  }

  private ResponseEntity<String> get(String client, String path) {
    return http.exchange(path, HttpMethod.GET, new HttpEntity<>(from(client)), String.class);
  }

  private static HttpHeaders from(String client) {
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-Forwarded-For", client);
    headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON, MediaType.ALL));
    return headers;
  }
}
