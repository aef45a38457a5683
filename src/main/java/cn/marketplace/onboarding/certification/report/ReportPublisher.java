package cn.marketplace.onboarding.certification.report;

import cn.marketplace.onboarding.submission.vhd.StorageProperties;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Publishes certification reports, as JSON and as an HTML page, to the report container of the
 * product's own storage account. Uploading again overwrites, so a retried job publishes the same
 * blobs. Without a configured account nothing is uploaded: the report stays in the database, and the
 * log says so once at start-up.
 */
@Component
public class ReportPublisher {

  private static final Logger log = LoggerFactory.getLogger(ReportPublisher.class);

  /** The blob names a report was published under. */
  public record Published(String jsonBlob, String htmlBlob) {}

  private final BlobContainerClient container;

  public ReportPublisher(ReportStorageProperties reports, StorageProperties storage) {
    if (!reports.publishes()) {
      log.info("No onboarding.storage.report-connection-string: certification reports are kept in the database "
          + "only and not published to storage");
      this.container = null;
      return;
    }
    Duration timeout = storage.requestTimeout();
    this.container = new BlobServiceClientBuilder()
        .connectionString(reports.reportConnectionString())
        .httpClient(new JdkHttpClientBuilder().connectionTimeout(timeout).responseTimeout(timeout)
            .readTimeout(timeout).writeTimeout(timeout).build())
        .retryOptions(new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, storage.maxRetries() + 1, timeout,
            Duration.ofMillis(200), Duration.ofSeconds(2), null))
        .buildClient()
        .getBlobContainerClient(reports.reportContainer());
    log.info("Certification reports are published to container {} of {}", reports.reportContainer(),
        container.getAccountName());
  }

  /**
   * Uploads the report's two documents; empty when no storage is configured.
   *
   * @throws RuntimeException when the storage fails: the caller's job is retried
   */
  public Optional<Published> publish(CertificationReport report, String json, String html) {
    if (container == null) {
      return Optional.empty();
    }
    container.createIfNotExists();
    CertificationReport.Image image = report.image();
    String base = String.join("/", image.publisherId(), image.offerId() + "-" + image.skuId(), image.version(),
        report.getId());
    Published published = new Published(base + ".json", base + ".html");
    upload(published.jsonBlob(), json, "application/json; charset=utf-8");
    upload(published.htmlBlob(), html, "text/html; charset=utf-8");
    log.info("Certification report {} published as {}", report.getId(), published);
    return Optional.of(published);
  }

  private void upload(String blobName, String content, String contentType) {
    container.getBlobClient(blobName).uploadWithResponse(
        new BlobParallelUploadOptions(BinaryData.fromString(content))
            .setHeaders(new BlobHttpHeaders().setContentType(contentType)),
        null, null);
  }
}
