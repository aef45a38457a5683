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
