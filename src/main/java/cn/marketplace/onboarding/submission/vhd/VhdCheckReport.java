package cn.marketplace.onboarding.submission.vhd;

import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.Findings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every finding of the VHD checks of one submission, passes included, disk by disk in the order
 * given.
 *
 * @param bytesRead the blob content downloaded per subject (512 for each readable disk)
 * @param transientFailure some storage did not answer, or answered with a server error: the
 *     caller may try again later before sending the ISV back
 * @param earliestSasExpiry the earliest expiry among the disks' SAS URIs; empty when none names one
 */
public record VhdCheckReport(List<Finding> findings, Map<String, Long> bytesRead, boolean transientFailure,
    Optional<Instant> earliestSasExpiry) {

  public VhdCheckReport {
    findings = List.copyOf(findings);
    bytesRead = Map.copyOf(bytesRead);
  }

  public long totalBytesRead() {
    return bytesRead.values().stream().mapToLong(Long::longValue).sum();
  }

  public boolean anyFailed() {
    return Findings.anyFailed(findings);
  }

  public List<Finding> findingsOf(String subject) {
    return findings.stream().filter(f -> f.subject().equals(subject)).toList();
  }
}
