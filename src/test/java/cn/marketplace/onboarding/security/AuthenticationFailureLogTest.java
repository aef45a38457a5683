package cn.marketplace.onboarding.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.testsupport.OnboardingHttpTest;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A failed sign-in is logged with the user id and the address, never with the password tried. */
@OnboardingHttpTest
@ExtendWith(OutputCaptureExtension.class)
class AuthenticationFailureLogTest {

  private static final String WRONG_PASSWORD = "Guess-" + UUID.randomUUID() + "!9";

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;

  @ParameterizedTest(name = "{0}")
  @CsvSource({"api, /api/audit", "engine-rest, /engine-rest/task?maxResults=1"})
  void aWrongPasswordIsLoggedWithoutThePassword(String surface, String path, CapturedOutput output) {
    String user = staff();
    assertThat(status(path, user, WRONG_PASSWORD)).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(output.getAll()).contains("Authentication failed on " + surface + " for user '" + user + "' from 127.0.0.1")
        .doesNotContain(WRONG_PASSWORD);
  }

  @Test
  void aWrongPasswordAtTheWebappsLoginIsLoggedWithoutThePassword(CapturedOutput output) {
    String user = staff();
    ResponseEntity<String> page = http.getForEntity("/camunda/app/tasklist/default/", String.class);
    String xsrf = page.getHeaders().get(HttpHeaders.SET_COOKIE).stream()
        .filter(cookie -> cookie.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow()
        .split(";")[0].substring("XSRF-TOKEN=".length());
    String session = page.getHeaders().get(HttpHeaders.SET_COOKIE).stream()
        .filter(cookie -> cookie.startsWith("JSESSIONID=")).findFirst().orElseThrow().split(";")[0];
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    headers.set("X-XSRF-TOKEN", xsrf);
    headers.add(HttpHeaders.COOKIE, session + "; XSRF-TOKEN=" + xsrf);
    ResponseEntity<String> login = http.exchange("/camunda/api/admin/auth/user/default/login/tasklist",
        HttpMethod.POST, new HttpEntity<>("username=" + user + "&password=" + WRONG_PASSWORD, headers), String.class);
    assertThat(login.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(output.getAll()).contains("Authentication failed on webapp for user '" + user + "' from 127.0.0.1")
        .doesNotContain(WRONG_PASSWORD);

    // another user (the engine now throttles the first one's logins for a few seconds)
    ResponseEntity<String> right = http.exchange("/camunda/api/admin/auth/user/default/login/tasklist",
        HttpMethod.POST, new HttpEntity<>("username=" + staff() + "&password=Staff-Passw0rd!x", headers), String.class);
    assertThat(right.getStatusCode()).as("the logging leaves a right login working").isEqualTo(HttpStatus.OK);
  }

  @Test
  void anUnknownUserCannotForgeLogLines(CapturedOutput output) {
    assertThat(status("/engine-rest/task?maxResults=1", "mallory\nINFO forged line", WRONG_PASSWORD))
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(output.getAll()).contains("for user 'mallory?INFO forged line'").doesNotContain("\nINFO forged line")
        .doesNotContain(WRONG_PASSWORD);
  }

  private HttpStatus status(String path, String user, String password) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, password);
    return HttpStatus.valueOf(http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class)
        .getStatusCode().value());
  }

  private String staff() {
    String id = "log-" + UUID.randomUUID().toString().substring(0, 8);
    User user = identityService.newUser(id);
    user.setPassword("Staff-Passw0rd!x");
    identityService.saveUser(user);
    identityService.createMembership(id, Groups.REVIEWERS);
    return id;
  }
}
