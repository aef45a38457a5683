package cn.marketplace.onboarding.certification.policy;

import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.PolicyRef;
import cn.marketplace.onboarding.rules.Result;
import cn.marketplace.onboarding.rules.RuleId;
import cn.marketplace.onboarding.rules.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One version of a certification policy, read from {@code certification/policies/<id>-v<version>.yaml}:
 * per rule whether it applies, its severity and its thresholds, and the checks of its source that
 * can't be seen from outside the VM. A rule the file does not list keeps the catalogue's severity
 * ({@link RuleId#severity()}) and has no thresholds; {@code PolicyFilesTest} requires every rule listed.
 */
public record CertificationPolicy(String id, String version, String title, String basis,
    Map<RuleId, RulePolicy> rules, List<NotChecked> notChecked) {

  public CertificationPolicy {
    rules = Map.copyOf(rules);
    notChecked = List.copyOf(notChecked);
  }

  public PolicyRef ref() {
    return new PolicyRef(id, version);
  }

  public boolean applies(RuleId rule) {
    return rulePolicy(rule).map(RulePolicy::applies).orElse(true);
  }

  /** The rule's severity under this policy; empty when it does not apply. */
  public Optional<Severity> severity(RuleId rule) {
    return rulePolicy(rule).map(RulePolicy::severity).orElse(Optional.of(rule.severity()));
  }

  /** The rule's thresholds; asking one the file does not give fails, naming the policy and the rule. */
  public Thresholds thresholds(RuleId rule) {
    return rulePolicy(rule).map(RulePolicy::thresholds)
        .orElseGet(() -> new Thresholds(ref() + " " + rule.id(), Map.of()));
  }

  public Optional<RulePolicy> rulePolicy(RuleId rule) {
    return Optional.ofNullable(rules.get(rule));
  }

  /**
   * The findings as this policy judges them: those of rules that do not apply are dropped; a failed
   * check of a rule that is not {@code BLOCK} under this policy is a warning; every finding names the
   * policy.
   */
  public List<Finding> judge(List<Finding> findings) {
    List<Finding> judged = new ArrayList<>();
    for (Finding finding : findings) {
      Optional<Severity> severity = severity(finding.ruleId());
      if (severity.isEmpty()) {
        continue;
      }
      Result result = finding.result() == Result.FAIL && severity.get() != Severity.BLOCK
          ? Result.WARNING : finding.result();
      judged.add(finding.judged(ref(), result));
    }
    return judged;
  }
}
