package cn.marketplace.onboarding.certification.policy;

import java.time.LocalDate;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which certification policy is in force from when ({@code onboarding.certification.policies}): a
 * submission whose certification first runs on or after {@code effective-from} (00:00 in
 * {@link PolicySchedule#ZONE}) is checked against that policy version, unless a later entry is
 * effective by then.
 */
@ConfigurationProperties("onboarding.certification")
public record PolicyScheduleProperties(@DefaultValue({}) List<Entry> policies) {

  public record Entry(String policy, String version, LocalDate effectiveFrom) {}

  public PolicyScheduleProperties {
    policies = policies == null ? List.of() : List.copyOf(policies);
  }
}
