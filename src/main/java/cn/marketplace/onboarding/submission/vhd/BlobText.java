package cn.marketplace.onboarding.submission.vhd;

import cn.marketplace.onboarding.rules.Finding;
import java.util.List;
import java.util.Optional;

/**
 * A small text blob read through its SAS: the text when the read succeeded, and the SAS-8
 * finding that says whether it did.
 *
 * @param transientFailure the storage did not answer, or answered with a server error: not the
 *     ISV's fault, and a later read may succeed
 */
public record BlobText(List<Finding> findings, Optional<String> text, long bytesRead, boolean transientFailure) {

  public BlobText {
    findings = List.copyOf(findings);
  }

  BlobText(List<Finding> findings, Optional<String> text, long bytesRead) {
    this(findings, text, bytesRead, false);
  }
}
