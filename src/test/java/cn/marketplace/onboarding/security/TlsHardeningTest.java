package cn.marketplace.onboarding.security;

import static cn.marketplace.onboarding.security.EngineHardeningTest.cookie;
import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.testsupport.TestInfrastructure;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The {@code tls} profile, reached the way its proxy reaches it: from a loopback address with
 * {@code X-Forwarded-Proto: https}. Cookies are Secure and both the webapps and our pages send HSTS.
 * Its engine has a name of its own (unlike {@code @OnboardingHttpTest}): a second engine named
 * {@code default} in this JVM would take the engine REST API of the shared HTTP context over.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "tls"})
@ContextConfiguration(initializers = TestInfrastructure.class)
class TlsHardeningTest {

  @Autowired TestRestTemplate http;
  @Autowired ProcessEngine processEngine;

  @Test
  void theWebappsMarkTheirCookiesSecureAndSendHsts() {
    ResponseEntity<String> tasklist = viaTlsProxy("/camunda/app/tasklist/" + processEngine.getName() + "/");
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
