package cn.marketplace.onboarding.submission.vhd;

import static cn.marketplace.onboarding.rules.Finding.fail;
import static cn.marketplace.onboarding.rules.Finding.pass;

import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import com.azure.storage.blob.BlobClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Reads a small text or JSON blob (such as the Windows certification results) through its SAS,
 * up to a size limit: a larger blob is refused unread. Check the URI first with
 * {@link SasUriChecks#checkFileUri}.
 */
@Component
public class BlobTextReader {

  public static final int DEFAULT_MAX_BYTES = 1024 * 1024;

  private final SasBlobClients clients;

  BlobTextReader(@Lazy SasBlobClients clients) {
    this.clients = clients;
  }

  /** Reads at most {@link #DEFAULT_MAX_BYTES}. */
  public BlobText read(String subject, SasUri uri) {
    return read(subject, uri, DEFAULT_MAX_BYTES);
  }

  /** Reads the blob as UTF-8 (a leading byte order mark dropped) when it has at most {@code maxBytes}. */
  public BlobText read(String subject, SasUri uri, int maxBytes) {
    Optional<Finding> refusal = clients.refusal(subject, uri);
    if (refusal.isPresent()) {
      return new BlobText(List.of(refusal.get()), Optional.empty(), 0);
    }
    try {
      BlobClient blob = clients.client(uri);
      long length = blob.getProperties().getBlobSize();
      if (length > maxBytes) {
        Finding tooLarge = fail(RuleId.SAS_8, subject, "SAS-8.too-large", subject,
            String.valueOf(length), String.valueOf(maxBytes)).withEvidence(length + " bytes");
        return new BlobText(List.of(tooLarge), Optional.empty(), 0);
      }
      byte[] bytes = length == 0 ? new byte[0] : clients.readRange(blob, 0, (int) length);
      return new BlobText(List.of(pass(RuleId.SAS_8, subject, "SAS-8.ok", subject)),
          Optional.of(utf8(bytes)), bytes.length);
    } catch (RuntimeException e) {
      SasBlobClients.ReadFailure failure = clients.failure(subject, uri, e);
      return new BlobText(List.of(failure.finding()), Optional.empty(), 0, failure.transientFailure());
    }
  }

  private static String utf8(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }
}
