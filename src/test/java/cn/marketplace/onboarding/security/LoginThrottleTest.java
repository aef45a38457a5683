package cn.marketplace.onboarding.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.testsupport.OnboardingHttpTest;
import cn.marketplace.onboarding.testsupport.StaffUsers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Password guessing over HTTP, each client on its own loopback address (127.0.0.x): guesses slow
 * the guesser's address and, for a while, the account; they never lock an account for good, the
 * rightful user from another address signs in once the account's window has passed, and the
 * administrator sees who is targeted. The windows are passed by moving the engine's clock.
 */
@OnboardingHttpTest
class LoginThrottleTest {

  private static final String PASSWORD = "Publisher-Passw0rd!x";
  private static final String ADMIN_PASSWORD = "Keeper-Passw0rd!" + UUID.randomUUID().toString().substring(0, 6);
  /** The engine's loginDelayMaxTime (config/application.yaml) and a second more. */
  private static final Duration ACCOUNT_WINDOW = Duration.ofSeconds(61);
  /** onboarding.security.login-throttle.client-window of the test profile (10 failures per 15 minutes). */
  private static final Duration CLIENT_WINDOW = Duration.ofMinutes(15);

  @LocalServerPort int port;
  @Autowired IdentityService identityService;
  @Autowired ObjectMapper json;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void guessesNeverLockAnAccountForGood() throws Exception {
    // the administrator the product creates at its first start, with a password this test knows
    User admin = identityService.createUserQuery().userId("admin").singleResult();
    admin.setPassword(ADMIN_PASSWORD);
    identityService.saveUser(admin);
    String adminPassword = ADMIN_PASSWORD;
    String publisher = "pub-" + UUID.randomUUID().toString().substring(0, 8);
    StaffUsers.ensure(identityService, publisher, Groups.PUBLISHERS, PASSWORD);
    String attacker = "127.0.0.2";
    String otherAttacker = "127.0.0.5";
    String rightful = "127.0.0.3";

    for (String account : List.of("admin", publisher)) {
      List<Integer> answers = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String path = i % 2 == 0 ? "/engine-rest/user?maxResults=1" : "/api/audit";
        answers.add(get(account.equals("admin") ? attacker : otherAttacker, path, account, "Wrong-Guess-" + i + "!x")
            .status());
      }
      assertThat(answers).as(account).containsOnly(401, 429).startsWith(401, 401, 401).endsWith(429);
    }
    assertThat(get(attacker, "/api/audit", "admin", adminPassword).status())
        .as("the guesser's address is refused even with the right password").isEqualTo(429);

    advance(ACCOUNT_WINDOW);
    Response listing = get(rightful, "/api/security/login-failures", "admin", adminPassword);
    assertThat(listing.status()).as("the rightful admin from another address, after the account's window")
        .isEqualTo(200);
    assertThat(get(rightful, "/engine-rest/task?maxResults=1", publisher, PASSWORD).status()).isEqualTo(200);
    assertThat(identityService.checkPassword(publisher, PASSWORD)).as("not locked in the engine").isTrue();

    JsonNode failures = json.readTree(listing.body());
    assertThat(failures.get("accounts")).anySatisfy(entry -> {
      assertThat(entry.get("name").asText()).isEqualTo("admin");
      assertThat(entry.get("failures").asInt()).isPositive();
      assertThat(entry.get("others").toString()).contains(attacker);
    });
    assertThat(failures.get("accounts")).anySatisfy(entry -> {
      assertThat(entry.get("name").asText()).isEqualTo(publisher);
      assertThat(entry.get("others").toString()).contains(otherAttacker);
    });
    assertThat(failures.get("clients")).anySatisfy(entry -> {
      assertThat(entry.get("name").asText()).isEqualTo(attacker);
      assertThat(entry.get("refusedForSeconds").asLong()).isPositive();
      assertThat(entry.get("others").toString()).contains("admin");
    });
    assertThat(listing.body()).doesNotContain("Wrong-Guess");
    assertThat(get(rightful, "/api/security/login-failures", publisher, PASSWORD).status())
        .as("administrators only").isEqualTo(403);

    assertThat(get(attacker, "/api/audit", "admin", adminPassword).status()).isEqualTo(429);
    advance(CLIENT_WINDOW);
    assertThat(get(attacker, "/api/security/login-failures", "admin", adminPassword).status())
        .as("the guesser's address too, once its window has passed").isEqualTo(200);
  }

  /**
   * The engine counts a failure only once the account's delay has passed, and used to lock the
   * account for good at the tenth: twelve spaced guesses, each from an address of its own.
   */
  @Test
  void spacedGuessesPastTheEnginesOldLimitLockNobodyOut() throws Exception {
    String publisher = "pub-" + UUID.randomUUID().toString().substring(0, 8);
    StaffUsers.ensure(identityService, publisher, Groups.PUBLISHERS, PASSWORD);
    for (int i = 1; i <= 12; i++) {
      advance(ACCOUNT_WINDOW);
      assertThat(get("127.0.1." + i, "/engine-rest/task?maxResults=1", publisher, "Wrong-Guess-" + i + "!x").status())
          .isEqualTo(401);
    }
    assertThat(get("127.0.2.1", "/engine-rest/task?maxResults=1", publisher, PASSWORD).status())
        .as("still within the account's window").isEqualTo(401);
    advance(ACCOUNT_WINDOW);
    assertThat(get("127.0.2.1", "/engine-rest/task?maxResults=1", publisher, PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void theWebappsLoginFormIsThrottledWithTheOtherSurfaces() throws Exception {
    String publisher = "pub-" + UUID.randomUUID().toString().substring(0, 8);
    StaffUsers.ensure(identityService, publisher, Groups.PUBLISHERS, PASSWORD);
    String client = "127.0.0.4";
    List<Integer> answers = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      answers.add(webappLogin(client, publisher, "Wrong-Guess-" + i + "!x"));
    }
    assertThat(answers).containsOnly(401, 429).startsWith(401).endsWith(429);
    assertThat(get(client, "/engine-rest/task?maxResults=1", publisher, PASSWORD).status())
        .as("one budget per address across surfaces").isEqualTo(429);

    advance(CLIENT_WINDOW);
    assertThat(webappLogin(client, publisher, PASSWORD)).isEqualTo(200);
  }

  private int webappLogin(String from, String user, String password) throws IOException {
    Response page = request(from, "GET /camunda/app/tasklist/default/ HTTP/1.1\r\n", null, "");
    String xsrf = page.cookie("XSRF-TOKEN");
    String session = page.cookie("JSESSIONID");
    String body = "username=" + user + "&password=" + password;
    return request(from, "POST /camunda/api/admin/auth/user/default/login/tasklist HTTP/1.1\r\n",
        "X-XSRF-TOKEN: " + xsrf + "\r\nCookie: JSESSIONID=" + session + "; XSRF-TOKEN=" + xsrf + "\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\n", body).status();
  }

  private Response get(String from, String path, String user, String password) throws IOException {
    String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return request(from, "GET " + path + " HTTP/1.1\r\n", "Authorization: Basic " + basic + "\r\n", "");
  }

  /** One HTTP/1.1 exchange from the loopback address {@code from}: the server sees that address. */
  private Response request(String from, String requestLine, String headers, String body) throws IOException {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
      socket.setSoTimeout(30_000);
      byte[] content = body.getBytes(StandardCharsets.UTF_8);
      OutputStream out = socket.getOutputStream();
      out.write((requestLine + "Host: localhost:" + port + "\r\nConnection: close\r\n"
          + (headers == null ? "" : headers) + "Content-Length: " + content.length + "\r\n\r\n")
          .getBytes(StandardCharsets.UTF_8));
      out.write(content);
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new Response(Integer.parseInt(answer.substring(9, 12)), answer);
    }
  }

  private static void advance(Duration duration) {
    ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(duration)));
  }

  private record Response(int status, String raw) {
    String body() {
      int start = raw.indexOf("\r\n\r\n");
      String rest = raw.substring(start + 4);
      // chunked answers: the JSON is between the first chunk size line and the terminating chunk
      if (raw.substring(0, start).toLowerCase().contains("transfer-encoding: chunked")) {
        StringBuilder joined = new StringBuilder();
        int at = 0;
        while (true) {
          int lineEnd = rest.indexOf("\r\n", at);
          int size = Integer.parseInt(rest.substring(at, lineEnd).strip(), 16);
          if (size == 0) {
            break;
          }
          byte[] bytes = rest.substring(lineEnd + 2).getBytes(StandardCharsets.UTF_8);
          String chunk = new String(bytes, 0, size, StandardCharsets.UTF_8);
          joined.append(chunk);
          at = lineEnd + 2 + chunk.length() + 2;
        }
        return joined.toString();
      }
      return rest;
    }

    String cookie(String name) {
      for (String line : raw.substring(0, raw.indexOf("\r\n\r\n")).split("\r\n")) {
        if (line.toLowerCase().startsWith("set-cookie: " + name.toLowerCase() + "=")) {
          return line.substring(("set-cookie: " + name + "=").length()).split(";")[0];
        }
      }
      throw new AssertionError("no cookie " + name + " in " + raw);
    }
  }
}
