package cn.marketplace.onboarding.monitoring;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code blobStorage} in {@code /actuator/health}: whether the storage account named by
 * {@code onboarding.storage.health-endpoint} answers HTTP at all. Any status counts as up (an
 * anonymous request to a storage account is refused with 400 or 403 by design); no answer within
 * {@code onboarding.storage.request-timeout} is down. Only present when the endpoint is configured:
 * the SAS URIs ISVs submit may name any allowed account, so there is nothing to check by default.
 */
@Component
@ConditionalOnProperty("onboarding.storage.health-endpoint")
class BlobStorageHealthIndicator extends AbstractHealthIndicator {

  private final URI endpoint;
  private final Duration timeout;
  private final HttpClient client;

  BlobStorageHealthIndicator(@Value("${onboarding.storage.health-endpoint}") URI endpoint,
      @Value("${onboarding.storage.request-timeout:10s}") Duration timeout) {
    super("Blob storage health check failed");
    this.endpoint = endpoint;
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
    HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
    builder.up().withDetail("endpoint", endpoint.toString()).withDetail("status", response.statusCode());
  }
}
