package cn.marketplace.onboarding.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A user signed in to Cockpit as the browser does: the page for the CSRF cookie, the login with its
 * token, the profile call the page makes next; then Cockpit's own API ({@code /camunda/api/cockpit}),
 * with the session cookie and the current CSRF token on every request.
 */
final class CockpitSession {

  private static final String PLUGIN_API = "/camunda/api/cockpit/plugin/base/default";

  private final CookieManager cookies = new CookieManager();
  private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
  private final String baseUrl;

  private CockpitSession(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  static CockpitSession signIn(String baseUrl, String user, String password) throws IOException, InterruptedException {
    CockpitSession session = new CockpitSession(baseUrl);
    session.expectOk(session.http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/camunda/app/cockpit/default/"))
        .GET().build(), HttpResponse.BodyHandlers.ofString()));
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
        + URLEncoder.encode(password, StandardCharsets.UTF_8);
    session.expectOk(session.http.send(session.withToken("/camunda/api/admin/auth/user/default/login/cockpit")
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
        .build(), HttpResponse.BodyHandlers.ofString()));
    session.expectOk(session.http.send(session.withToken("/camunda/api/engine/engine/default/user/" + user + "/profile")
        .GET().build(), HttpResponse.BodyHandlers.ofString()));
    return session;
  }

  HttpClient http() {
    return http;
  }

  /** A POST to Cockpit's base plugin, as its pages send them: JSON body, session and CSRF token. */
  HttpRequest pluginPost(String path, String jsonBody) {
    return withToken(PLUGIN_API + path).header("Accept", "application/json").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(jsonBody)).build();
  }

  private HttpRequest.Builder withToken(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
    cookies.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue).reduce((first, last) -> last)
        .ifPresent(token -> request.header("X-XSRF-TOKEN", token));
    return request;
  }

  private void expectOk(HttpResponse<String> answer) {
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(answer.uri() + " answered " + answer.statusCode() + ": " + answer.body());
    }
  }
}
