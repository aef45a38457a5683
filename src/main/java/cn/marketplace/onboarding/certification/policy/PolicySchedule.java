package cn.marketplace.onboarding.certification.policy;

import cn.marketplace.onboarding.rules.PolicyRef;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The operator's choice of the policy in force, checked at start: every entry names a policy the
 * product ships, no two entries share a date, and one is in force from the start of the list.
 */
@Component
public class PolicySchedule {

  /** Effective dates are days in China. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  public record Step(PolicyRef policy, Instant effectiveFrom) {}

  private final CertificationPolicies policies;
  private final List<Step> steps;

  public PolicySchedule(PolicyScheduleProperties properties, CertificationPolicies policies) {
    this.policies = policies;
    if (properties.policies().isEmpty()) {
      throw new IllegalStateException("onboarding.certification.policies is empty: list at least one "
          + "{policy, version, effective-from}");
    }
    this.steps = properties.policies().stream().map(entry -> {
      if (entry.policy() == null || entry.version() == null || entry.effectiveFrom() == null) {
        throw new IllegalStateException("onboarding.certification.policies: every entry needs policy, version and "
            + "effective-from; got " + entry);
      }
      PolicyRef ref = new PolicyRef(entry.policy(), entry.version());
      policies.find(ref).orElseThrow(() -> new IllegalStateException("onboarding.certification.policies names " + ref
          + ", which is not in certification/policies/; shipped: " + policies.all().stream().map(p -> p.ref().toString()).toList()));
      return new Step(ref, entry.effectiveFrom().atStartOfDay(ZONE).toInstant());
    }).sorted(Comparator.comparing(Step::effectiveFrom)).toList();
    for (int i = 1; i < steps.size(); i++) {
      if (steps.get(i).effectiveFrom().equals(steps.get(i - 1).effectiveFrom())) {
        throw new IllegalStateException("onboarding.certification.policies: two policies take effect on the same day: "
            + steps.get(i - 1).policy() + " and " + steps.get(i).policy());
      }
    }
  }

  /** The policy in force at {@code now}: the last entry effective by then. */
  public CertificationPolicy inForce(Instant now) {
    return policies.get(stepAt(now).orElseThrow(() -> new IllegalStateException(
        "no certification policy is in force at " + now + ": the first of onboarding.certification.policies takes "
            + "effect " + steps.get(0).effectiveFrom())).policy());
  }

  /** Whether {@code ref} is scheduled and in force at or before {@code now} (support may move a submission to it). */
  public boolean effectiveBy(PolicyRef ref, Instant now) {
    return steps.stream().anyMatch(step -> step.policy().equals(ref) && !step.effectiveFrom().isAfter(now));
  }

  public List<Step> steps() {
    return steps;
  }

  private Optional<Step> stepAt(Instant now) {
    return steps.stream().filter(step -> !step.effectiveFrom().isAfter(now)).reduce((earlier, later) -> later);
  }
}
