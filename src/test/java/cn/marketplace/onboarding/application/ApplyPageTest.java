package cn.marketplace.onboarding.application;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.testsupport.OnboardingHttpTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The apply page as a browser loads it: the form-js files come from npm through the build, under
 * names with their content's hash, cached for a year; the page, its form and its own script are
 * revalidated; everything travels compressed.
 */
@OnboardingHttpTest
class ApplyPageTest {

  private static final Pattern VENDOR_SCRIPT =
      Pattern.compile("src=\"(/apply/vendor/form-js/form-viewer\\.umd-[0-9a-f]{32}\\.js)\"");

  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theFormJsBundleIsHashedCachedForAYearAndCompressed() throws Exception {
    HttpResponse<byte[]> page = get("/apply/", "identity");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Cache-Control")).hasValueSatisfying(value -> assertThat(value).contains("no-cache"));
    Matcher script = VENDOR_SCRIPT.matcher(new String(page.body(), StandardCharsets.UTF_8));
    assertThat(script.find()).as("the page names the hashed form-js bundle").isTrue();
    assertThat(new String(page.body(), StandardCharsets.UTF_8)).containsPattern("href=\"/apply/vendor/form-js/form-js-[0-9a-f]{32}\\.css\"");

    HttpResponse<byte[]> bundle = get(script.group(1), "gzip");
    assertThat(bundle.statusCode()).isEqualTo(200);
    assertThat(bundle.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(bundle.headers().firstValue("Cache-Control")).hasValueSatisfying(value ->
        assertThat(value).contains("max-age=31536000").contains("immutable").doesNotContain("no-store"));
    byte[] unpacked = gunzip(bundle.body());
    assertThat(new String(unpacked, StandardCharsets.UTF_8)).contains("FormViewer");
    assertThat(bundle.body().length).isLessThan(unpacked.length / 3);
  }

  @Test
  void thePageItsFormAndItsScriptAreRevalidatedAndCompressed() throws Exception {
    for (String path : new String[] {"/apply/", "/apply/form.json", "/apply/apply.js", "/apply/form-js-texts.js"}) {
      HttpResponse<byte[]> answer = get(path, "gzip");
      assertThat(answer.statusCode()).as(path).isEqualTo(200);
      assertThat(answer.headers().firstValue("Cache-Control")).as(path).hasValueSatisfying(value ->
          assertThat(value).contains("no-cache").doesNotContain("no-store"));
      assertThat(answer.headers().firstValue("Content-Encoding")).as(path).hasValue("gzip");
    }
    HttpResponse<byte[]> script = get("/apply/apply.js", "identity");
    String lastModified = script.headers().firstValue("Last-Modified").orElseThrow();
    HttpResponse<byte[]> revalidated = http.send(HttpRequest.newBuilder(uri("/apply/apply.js"))
        .header("If-Modified-Since", lastModified).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(revalidated.statusCode()).isEqualTo(304);
  }

  @Test
  void formJsIsNotACommittedCopy() {
    assertThat(new java.io.File("src/main/resources/static/apply/vendor")).doesNotExist();
  }

  private HttpResponse<byte[]> get(String path, String encoding) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri(path)).header("Accept-Encoding", encoding).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static byte[] gunzip(byte[] body) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return in.readAllBytes();
    }
  }
}
