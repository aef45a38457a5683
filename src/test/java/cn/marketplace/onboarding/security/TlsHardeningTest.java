package cn.marketplace.onboarding.security;

import static cn.marketplace.onboarding.security.EngineHardeningTest.cookie;
import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.testsupport.OnboardingHttpTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * The {@code tls} profile, reached the way its proxy reaches it: from a loopback address with
 * {@code X-Forwarded-Proto: https}. Cookies are Secure and both the webapps and our pages send HSTS.
 */
@OnboardingHttpTest
@ActiveProfiles({"test", "tls"})
class TlsHardeningTest {

  @Autowired TestRestTemplate http;

  @Test
  void theWebappsMarkTheirCookiesSecureAndSendHsts() {
    ResponseEntity<String> tasklist = viaTlsProxy("/camunda/app/tasklist/default/");
    assertThat(tasklist.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(tasklist.getHeaders().getFirst("Strict-Transport-Security")).contains("max-age=31536000");
    assertThat(cookie(tasklist.getHeaders(), "XSRF-TOKEN")).containsIgnoringCase("Secure")
        .containsIgnoringCase("SameSite=Lax");
    assertThat(cookie(tasklist.getHeaders(), "JSESSIONID")).containsIgnoringCase("Secure")
        .containsIgnoringCase("HttpOnly");
  }

  @Test
  void ourPagesSendHstsBehindTls() {
    ResponseEntity<String> page = viaTlsProxy("/apply/");
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getHeaders().getFirst("Strict-Transport-Security")).contains("max-age=");
  }

  private ResponseEntity<String> viaTlsProxy(String path) {
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-Forwarded-Proto", "https");
    headers.set("X-Forwarded-For", "198.51.100.7");
    headers.set("X-Forwarded-Port", "443");
    return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
  }
}
