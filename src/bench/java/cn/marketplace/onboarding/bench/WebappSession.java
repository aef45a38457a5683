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
import java.util.stream.Collectors;

/**
 * A user signed in to one of Camunda's webapps (Tasklist, Cockpit) as the browser does: the app's page
 * for the CSRF cookie, the login with its token, the profile call the page makes next. Its requests then
 * carry what the browser's do: the session cookie and the current CSRF token. Tasklist reads tasks and
 * filters through the webapps' engine API ({@code /camunda/api/engine}), authenticated by the session,
 * not by a password per request as the public REST API is.
 */
final class WebappSession {

  private static final String ENGINE_API = "/camunda/api/engine/engine/default";
  private static final String COCKPIT_PLUGIN_API = "/camunda/api/cockpit/plugin/base/default";

  private final CookieManager cookies = new CookieManager();
  private final HttpClient signInClient = HttpClient.newHttpClient();
  private final String baseUrl;

  private WebappSession(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** Signs in to {@code app} ("tasklist", "cockpit"), as its login page does. */
  static WebappSession signIn(String baseUrl, String app, String user, String password)
      throws IOException, InterruptedException {
    WebappSession session = new WebappSession(baseUrl);
    session.signInStep(HttpRequest.newBuilder(URI.create(baseUrl + "/camunda/app/" + app + "/default/")).GET().build());
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
        + URLEncoder.encode(password, StandardCharsets.UTF_8);
    session.signInStep(session.request("/camunda/api/admin/auth/user/default/login/" + app)
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
        .build());
    session.signInStep(session.request(ENGINE_API + "/user/" + user + "/profile").GET().build());
    return session;
  }

  /** A request to the webapps' engine API ({@code path} as under {@code /engine-rest}), with the session. */
  HttpRequest.Builder engine(String path) {
    return request(ENGINE_API + path);
  }

  /** A POST to Cockpit's base plugin, as its pages send them: JSON body, session and CSRF token. */
  HttpRequest pluginPost(String path, String jsonBody) {
    return request(COCKPIT_PLUGIN_API + path).header("Accept", "application/json")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(jsonBody)).build();
  }

  /**
   * The session's cookies and CSRF token set on the request itself, so any client can send it: the
   * benchmark asks one user's lists after another's through one client.
   */
  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
    String cookieHeader = cookies.getCookieStore().getCookies().stream()
        .map(cookie -> cookie.getName() + "=" + cookie.getValue()).collect(Collectors.joining("; "));
    if (!cookieHeader.isEmpty()) {
      request.header("Cookie", cookieHeader);
    }
    cookies.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue).reduce((first, last) -> last)
        .ifPresent(token -> request.header("X-XSRF-TOKEN", token));
    return request;
  }

  /** Sends one request of the sign-in and keeps the cookies it sets, as the browser does. */
  private void signInStep(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> answer = signInClient.send(request, HttpResponse.BodyHandlers.ofString());
    cookies.put(request.uri(), answer.headers().map());
    expectOk(answer);
  }

  private void expectOk(HttpResponse<String> answer) {
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(answer.uri() + " answered " + answer.statusCode() + ": " + answer.body());
    }
  }
}
