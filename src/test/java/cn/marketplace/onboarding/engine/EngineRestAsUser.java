package cn.marketplace.onboarding.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;

/** The engine REST API as a test's users ask it (HTTP Basic, one password for all), each answer read as JSON. */
record EngineRestAsUser(TestRestTemplate http, String password) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The answer to a GET of {@code path}, given encoded (a LIKE pattern's "%" as "%25"); fails unless 200. */
  JsonNode get(String user, String path) {
    RequestEntity<Void> request = RequestEntity.get(URI.create(path))
        .headers(headers -> headers.setBasicAuth(user, password)).build();
    return read(user, path, http.exchange(request, String.class));
  }

  /** The answer to a POST of a JSON {@code body} to {@code path}, accepting {@code accept}; fails unless 200. */
  JsonNode post(String user, String path, String body, String accept) {
    RequestEntity<String> request = RequestEntity.post(URI.create(path))
        .headers(headers -> headers.setBasicAuth(user, password)).header("Accept", accept)
        .contentType(MediaType.APPLICATION_JSON).body(body);
    return read(user, path, http.exchange(request, String.class));
  }

  private static JsonNode read(String user, String path, ResponseEntity<String> answer) {
    assertThat(answer.getStatusCode().value()).as("%s %s: %s", user, path, answer.getBody()).isEqualTo(200);
    try {
      return JSON.readTree(answer.getBody());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
