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
import java.util.Arrays;
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
 * The public endpoints' limits, over HTTP: a client past its burst gets 429 with Retry-After while
 * another client goes on; a body over the limit gets 413 whether or not it announces its length.
 * Clients are told apart by X-Forwarded-For, which counts here because the test runs with
 * {@code server.forward-headers-strategy=native} and its requests come from a loopback proxy.
 * Its engine has a name of its own (unlike {@code @OnboardingHttpTest}): a second engine named
 * {@code default} in this JVM would take the engine REST API of the shared HTTP context over.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "onboarding.security.rate-limit.capacity=3",
    "onboarding.security.rate-limit.refill-period=1h",
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
  void aClientPastItsBurstIsToldToWaitAndAnotherClientIsNot() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(get("203.0.113.10", "/api/amendments/unknown-token").getStatusCode()).isEqualTo(HttpStatus.GONE);
    }
    ResponseEntity<String> refused = get("203.0.113.10", "/api/amendments/unknown-token");
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(refused.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
    assertThat(json.readTree(refused.getBody()).get("status").asInt()).isEqualTo(429);
    assertThat(Long.parseLong(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1L, 3600L);
    // the apply page counts against the same client
    assertThat(get("203.0.113.10", "/apply/").getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

    assertThat(get("203.0.113.11", "/api/amendments/unknown-token").getStatusCode()).isEqualTo(HttpStatus.GONE);
    assertThat(get("203.0.113.11", "/apply/").getStatusCode()).isEqualTo(HttpStatus.OK);
    // signed-in surfaces are not rate-limited by this guard
    assertThat(get("203.0.113.10", "/engine-rest/engine/" + processEngine.getName() + "/task").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
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
    headers.setAccept(java.util.List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON, MediaType.ALL));
    return headers;
  }
}
