package cn.marketplace.onboarding.certification.policy;

import cn.marketplace.onboarding.rules.Severity;
import java.util.Optional;

/**
 * What a policy says of one rule: its severity, or that it does not apply ({@code severity: none}),
 * where the policy takes it from, and its thresholds.
 */
public record RulePolicy(Optional<Severity> severity, String source, Thresholds thresholds) {

  public boolean applies() {
    return severity.isPresent();
  }
}
