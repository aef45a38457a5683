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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the endpoints anyone may call without an account: each client (its remote address) gets
 * a token bucket, and a request past it is refused with 429 and {@code Retry-After}; a body larger
 * than {@code onboarding.security.max-body-size} is refused with 413 before anything parses it.
 * Both answers are {@code application/problem+json}.
 */
public class PublicEndpointGuard extends OncePerRequestFilter {

  private static final String TYPES = "https://marketplace-onboarding/problems/";

  private final PublicEndpointProperties properties;
  private final ObjectMapper json;
  private final Map<String, Bucket> buckets;

  public PublicEndpointGuard(PublicEndpointProperties properties, ObjectMapper json) {
    this.properties = properties;
    this.json = json;
    int maxClients = properties.rateLimit().maxClients();
    this.buckets = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
        return size() > maxClients;
      }
    });
  }

  /** POST /api/applications, anything under /api/amendments/, and the apply page with its files. */
  static boolean isPublic(HttpServletRequest request) {
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    return ("POST".equals(request.getMethod()) && (path.equals("/api/applications") || path.startsWith("/api/applications/")))
        || path.startsWith("/api/amendments/") || path.equals("/apply") || path.startsWith("/apply/");
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !isPublic(request);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ConsumptionProbe probe = bucketOf(request.getRemoteAddr()).tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
      response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
      problem(response, HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
          "Too many requests from your address; try again in " + seconds + " seconds.");
      return;
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

  private Bucket bucketOf(String client) {
    PublicEndpointProperties.RateLimit limit = properties.rateLimit();
    return buckets.computeIfAbsent(client, any -> Bucket.builder()
        .addLimit(bandwidth -> bandwidth.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.refillPeriod()))
        .build());
  }

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
