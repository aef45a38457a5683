package cn.marketplace.onboarding.submission.vhd;

import cn.marketplace.onboarding.rules.Finding;
import java.util.List;

/**
 * What reading one blob found.
 *
 * @param bytesRead the bytes of blob content downloaded (the footer's 512, or none)
 * @param transientFailure the storage did not answer, or answered with a server error: trying
 *     later may succeed
 */
public record BlobInspection(List<Finding> findings, long bytesRead, boolean transientFailure) {

  public BlobInspection {
    findings = List.copyOf(findings);
  }
}
