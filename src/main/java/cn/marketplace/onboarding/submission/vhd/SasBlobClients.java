package cn.marketplace.onboarding.submission.vhd;

import static cn.marketplace.onboarding.rules.Finding.fail;

import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.util.ClientOptions;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobClientBuilder;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Blob clients that authenticate with the ISV's SAS itself, over the JDK HTTP client with short
 * timeouts and a few retries (the SDK's default retry policy takes about 44 s to give up on a
 * refused connection), and the plain SAS-8 findings of the ways a read can fail. Made at the first
 * read ({@code @Lazy}, also where it is injected): the SDK's HTTP client loads and starts what no
 * start-up needs.
 */
@Component
@Lazy
class SasBlobClients {

  private static final Logger log = LoggerFactory.getLogger(SasBlobClients.class);

  private static final Set<BlobErrorCode> PERMISSION_MISMATCH = Set.of(
      BlobErrorCode.AUTHORIZATION_PERMISSION_MISMATCH,
      BlobErrorCode.AUTHORIZATION_RESOURCE_TYPE_MISMATCH,
      BlobErrorCode.AUTHORIZATION_SERVICE_MISMATCH);

  private final StorageProperties storage;
  private final HttpClient httpClient;
  private final RequestRetryOptions retryOptions;

  SasBlobClients(StorageProperties storage) {
    this.storage = storage;
    Duration timeout = storage.requestTimeout();
    this.httpClient = new JdkHttpClientBuilder()
        .connectionTimeout(timeout)
        .writeTimeout(timeout)
        .responseTimeout(timeout)
        .readTimeout(timeout)
        .build();
    this.retryOptions = new RequestRetryOptions(RetryPolicyType.EXPONENTIAL,
        storage.maxRetries() + 1, timeout, Duration.ofMillis(200), Duration.ofSeconds(2), null);
  }

  /** The number of tries a request gets before it is reported. */
  int maxTries() {
    return storage.maxRetries() + 1;
  }

  /**
   * A SAS-1 or SAS-5 finding when the URI must not be contacted at all; the URI checks refuse
   * such URIs already, this guards the callers that skipped them.
   */
  Optional<Finding> refusal(String subject, SasUri uri) {
    if (!storage.allowsHost(uri.host())) {
      return Optional.of(fail(RuleId.SAS_1, subject, "SAS-1.host-not-allowed", subject, uri.host(),
          String.join(", ", storage.allowedHosts())));
    }
    if (!uri.scheme().equals("https") && !storage.allowHttp()) {
      return Optional.of(fail(RuleId.SAS_5, subject, "SAS-5.http-refused", subject));
    }
    return Optional.empty();
  }

  BlobClient client(SasUri uri) {
    return new BlobClientBuilder()
        .endpoint(uri.reveal())
        .httpClient(httpClient)
        .retryOptions(retryOptions)
        .clientOptions(new ClientOptions().setApplicationId("marketplace-onboarding"))
        .buildClient();
  }

  /**
   * Downloads {@code count} bytes from {@code offset} and no more: a server that sends more than
   * asked is cut off.
   */
  byte[] readRange(BlobClient client, long offset, int count) {
    BoundedBuffer buffer = new BoundedBuffer(count);
    client.downloadStreamWithResponse(buffer, new BlobRange(offset, (long) count), null, null,
        false, null, Context.NONE);
    return buffer.toByteArray();
  }

  /** The SAS-8 finding of a request that failed; the exception's text is never shown. */
  ReadFailure failure(String subject, SasUri uri, RuntimeException error) {
    if (error instanceof BlobStorageException refused) {
      int status = refused.getStatusCode();
      BlobErrorCode code = refused.getErrorCode();
      String evidence = "HTTP " + status + (code == null ? "" : " " + code);
      log.info("Read of {} refused: {}", uri.masked(), evidence);
      Finding finding;
      if (status == 404) {
        finding = fail(RuleId.SAS_8, subject, "SAS-8.not-found", subject);
      } else if (status == 403 && BlobErrorCode.AUTHENTICATION_FAILED.equals(code)) {
        finding = fail(RuleId.SAS_8, subject, "SAS-8.auth-failed", subject);
      } else if (status == 403 && BlobErrorCode.AUTHORIZATION_FAILURE.equals(code)) {
        // what Azurite answers for a changed, expired or not yet valid SAS; Azure, for a firewall
        finding = fail(RuleId.SAS_8, subject, "SAS-8.not-authorized", subject);
      } else if (status == 403 && PERMISSION_MISMATCH.contains(code)) {
        finding = fail(RuleId.SAS_8, subject, "SAS-8.permission-mismatch", subject);
      } else if (status >= 500) {
        return new ReadFailure(fail(RuleId.SAS_8, subject, "SAS-8.unavailable", subject, status, maxTries())
            .withEvidence(evidence), true);
      } else {
        finding = fail(RuleId.SAS_8, subject, "SAS-8.refused", subject, status,
            code == null ? "-" : code.toString());
      }
      return new ReadFailure(finding.withEvidence(evidence), false);
    }
    Throwable cause = NestedExceptionUtils.getMostSpecificCause(error);
    String evidence = cause.getClass().getSimpleName();
    log.warn("Read of {} failed after {} tries: {}", uri.masked(), maxTries(), evidence);
    return new ReadFailure(fail(RuleId.SAS_8, subject, "SAS-8.unreachable", subject, uri.host(),
        maxTries()).withEvidence(evidence), true);
  }

  /**
   * A failed read as a finding; {@code transientFailure} when the storage did not answer or
   * answered with a server error, so that trying later may succeed.
   */
  record ReadFailure(Finding finding, boolean transientFailure) {}

  /** Keeps at most {@code limit} bytes and refuses any more. */
  static final class BoundedBuffer extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final int limit;

    BoundedBuffer(int limit) {
      this.limit = limit;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (bytes.size() + len > limit) {
        throw new IllegalStateException("the storage sent more than the " + limit + " bytes asked for");
      }
      bytes.write(b, off, len);
    }

    byte[] toByteArray() {
      return bytes.toByteArray();
    }
  }
}
