package cn.marketplace.onboarding.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A webapp session as the browser holds it: the session cookie and the CSRF token, signed in to one
 * webapp through the webapps' login (or anonymous, with a token but nobody signed in).
 */
record WebappSession(String cookie, String csrfToken) {

  static WebappSession anonymous(HttpClient client, String baseUrl) {
    return page(client, baseUrl, null);
  }

  static WebappSession signIn(HttpClient client, String baseUrl, String user, String password, String app) {
    WebappSession anonymous = anonymous(client, baseUrl);
    HttpResponse<String> login = send(client, HttpRequest.newBuilder(URI.create(baseUrl
            + "/camunda/api/admin/auth/user/default/login/" + app))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Cookie", anonymous.cookie())
        .header("X-XSRF-TOKEN", anonymous.csrfToken())
        .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8))).build());
    assertThat(login.statusCode()).as("%s signs in to %s: %s", user, app, login.body()).isEqualTo(200);
    return page(client, baseUrl, "JSESSIONID=" + cookieValue(login.headers().allValues("Set-Cookie"), "JSESSIONID"));
  }

  private static WebappSession page(HttpClient client, String baseUrl, String sessionCookie) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/camunda/app/tasklist/default/")).GET();
    if (sessionCookie != null) {
      request.header("Cookie", sessionCookie);
    }
    HttpResponse<String> page = send(client, request.build());
    List<String> setCookies = page.headers().allValues("Set-Cookie");
    String token = cookieValue(setCookies, "XSRF-TOKEN");
    String session = setCookies.stream().anyMatch(c -> c.startsWith("JSESSIONID="))
        ? "JSESSIONID=" + cookieValue(setCookies, "JSESSIONID") : sessionCookie;
    return new WebappSession((session == null ? "" : session + "; ") + "XSRF-TOKEN=" + token, token);
  }

  private static String cookieValue(List<String> setCookies, String name) {
    String cookie = setCookies.stream().filter(c -> c.startsWith(name + "=")).findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + setCookies));
    int end = cookie.indexOf(';');
    return cookie.substring(name.length() + 1, end < 0 ? cookie.length() : end);
  }

  static HttpResponse<String> send(HttpClient client, HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(request.method() + " " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
