package cn.marketplace.onboarding.certification.windows;

import cn.marketplace.onboarding.rules.Finding;
import java.util.List;

/**
 * The Windows certification tool's results as findings.
 *
 * @param findings one per test (WIN-GEN-1, WIN-PATCH-1 or CERT-3), or the reason the file could
 *     not be read, then the verdict (CERT-3)
 * @param certified no test failed and the file was readable
 * @param os the operating system the tool reported, or null
 * @param toolVersion the tool's version, or null
 */
public record WindowsCertificationResult(List<Finding> findings, boolean certified, String os, String toolVersion) {

  public WindowsCertificationResult {
    findings = List.copyOf(findings);
  }
}
