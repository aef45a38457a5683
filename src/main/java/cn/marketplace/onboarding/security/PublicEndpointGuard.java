package cn.marketplace.onboarding.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the endpoints anyone may call without an account. Each client (its remote address) gets
 * two token buckets: one for the public API (applications, amendments) and a larger one for loads
 * of the apply page (its HTML and form schema); the page's scripts, styles and form-js files are
 * static, cached by the browser and not counted. A request past its bucket is refused with 429 and
 * {@code Retry-After}: {@code application/problem+json} on the API, a page in Chinese and English
 * on the apply page. A body larger than {@code onboarding.security.max-body-size} is refused with
 * 413 (problem+json) before anything parses it.
 */
public class PublicEndpointGuard extends OncePerRequestFilter {

  private static final String TYPES = "https://marketplace-onboarding/problems/";

  private final PublicEndpointProperties properties;
  private final ObjectMapper json;
  private final Map<String, Buckets> buckets;

  public PublicEndpointGuard(PublicEndpointProperties properties, ObjectMapper json) {
    this.properties = properties;
    this.json = json;
    int maxClients = properties.rateLimit().maxClients();
    this.buckets = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Buckets> eldest) {
        return size() > maxClients;
      }
    });
  }

  private static String pathOf(HttpServletRequest request) {
    return request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
  }

  /** POST /api/applications and anything under /api/amendments/: counted in the API's bucket. */
  static boolean isPublicApi(HttpServletRequest request) {
    String path = pathOf(request);
    return ("POST".equals(request.getMethod()) && (path.equals("/api/applications") || path.startsWith("/api/applications/")))
        || path.startsWith("/api/amendments/");
  }

  /** The apply page itself and its form schema: counted in the page's bucket. */
  static boolean isApplyPage(HttpServletRequest request) {
    String path = pathOf(request);
    return path.equals("/apply") || path.equals("/apply/") || path.equals("/apply/index.html")
        || path.equals("/apply/form.json");
  }

  /** What this guard sees: the public API and everything under /apply (its static files are not counted). */
  static boolean isPublic(HttpServletRequest request) {
    String path = pathOf(request);
    return isPublicApi(request) || path.equals("/apply") || path.startsWith("/apply/");
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !isPublic(request);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean api = isPublicApi(request);
    if (api || isApplyPage(request)) {
      Buckets client = bucketsOf(request.getRemoteAddr());
      ConsumptionProbe probe = (api ? client.api() : client.page()).tryConsumeAndReturnRemaining(1);
      if (!probe.isConsumed()) {
        long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        if (api) {
          problem(response, HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
              "Too many requests from your address; try again in " + seconds + " seconds.");
        } else {
          tooManyPageLoads(response, seconds);
        }
        return;
      }
    }
    long limit = properties.maxBodySize().toBytes();
    if (request.getContentLengthLong() > limit) {
      tooLarge(response, limit);
      return;
    }
    byte[] body = request.getInputStream().readNBytes((int) limit + 1);
    if (body.length > limit) {
      tooLarge(response, limit);
      return;
    }
    chain.doFilter(new ReadBodyRequest(request, body), response);
  }

  private Buckets bucketsOf(String client) {
    PublicEndpointProperties.RateLimit api = properties.rateLimit();
    PublicEndpointProperties.PageRateLimit page = properties.pageRateLimit();
    return buckets.computeIfAbsent(client, any -> new Buckets(bucket(api.capacity(), api.refillPeriod()),
        bucket(page.capacity(), page.refillPeriod())));
  }

  private static Bucket bucket(long capacity, Duration refillPeriod) {
    return Bucket.builder()
        .addLimit(bandwidth -> bandwidth.capacity(capacity).refillGreedy(capacity, refillPeriod))
        .build();
  }

  /** A person at a browser: the same answer in both languages of the page, with the time to wait. */
  private static void tooManyPageLoads(HttpServletResponse response, long seconds) throws IOException {
    long minutes = (seconds + 59) / 60;
    String html = """
        <!doctype html>
        <html lang="zh-CN">
        <head><meta charset="utf-8"><title>请稍后再试 / Please try again later</title></head>
        <body>
        <h1>请稍后再试</h1>
        <p>此页面在短时间内从您的网络地址被打开的次数过多。请在 %1$d 秒（约 %2$d 分钟）后重试。</p>
        <h1 lang="en">Please try again later</h1>
        <p lang="en">This page was opened too many times from your address in a short time.
        Please try again in %1$d seconds (about %2$d minutes).</p>
        </body>
        </html>
        """.formatted(seconds, minutes);
    response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
    response.setContentType(MediaType.TEXT_HTML_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    response.getOutputStream().write(html.getBytes(StandardCharsets.UTF_8));
  }

  private record Buckets(Bucket api, Bucket page) {}

  private void tooLarge(HttpServletResponse response, long limit) throws IOException {
    // the unread rest of the body is not worth keeping the connection for
    response.setHeader(HttpHeaders.CONNECTION, "close");
    problem(response, HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "Request too large",
        "The request body is larger than " + limit + " bytes.");
  }

  private void problem(HttpServletResponse response, HttpStatus status, String type, String title, String detail)
      throws IOException {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", TYPES + type);
    problem.put("title", title);
    problem.put("status", status.value());
    problem.put("detail", detail);
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    json.writeValue(response.getOutputStream(), problem);
  }
}
