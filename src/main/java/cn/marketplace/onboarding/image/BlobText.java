package cn.marketplace.onboarding.image;

import cn.marketplace.onboarding.rules.Finding;
import java.util.List;
import java.util.Optional;

/**
 * A small text blob read through its SAS: the text when the read succeeded, and the SAS-8
 * finding that says whether it did.
 */
public record BlobText(List<Finding> findings, Optional<String> text, long bytesRead) {

  public BlobText {
    findings = List.copyOf(findings);
  }
}
