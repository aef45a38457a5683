package cn.marketplace.onboarding.submission.vhd;

import cn.marketplace.onboarding.rules.Finding;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the URI-only checks found for one subject, and the parsed URI when it may be read: its
 * SAS-1 check passed (a SAS on an allowed host) and its scheme is accepted (SAS-5).
 *
 * @param expiry the SAS's expiry ({@code se}) when the URI could be parsed and names one, read or not
 */
public record SasUriCheck(List<Finding> findings, Optional<SasUri> readable, Optional<Instant> expiry) {

  public SasUriCheck {
    findings = List.copyOf(findings);
  }
}
