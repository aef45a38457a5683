package cn.marketplace.onboarding.submission.vhd;

import static cn.marketplace.onboarding.submission.vhd.MessageArgs.GIB;
import static cn.marketplace.onboarding.submission.vhd.MessageArgs.gib;
import static cn.marketplace.onboarding.rules.Finding.fail;
import static cn.marketplace.onboarding.rules.Finding.pass;
import static cn.marketplace.onboarding.rules.Finding.warning;

import cn.marketplace.onboarding.certification.policy.CertificationPolicy;
import cn.marketplace.onboarding.certification.policy.Thresholds;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import java.util.List;
import java.util.Optional;

/**
 * The size each disk role must have: LNX-SIZE-1, WIN-SIZE-1 and DISK-1, in whole GiB as the
 * certification policy in force gives them ({@code min-gib}, {@code max-gib}, {@code review-above-gib}).
 */
public final class DiskSizeRules {

  private DiskSizeRules() {}

  /** The finding of the size rule of {@code role} for a disk of {@code virtualSize} bytes, judged by {@code policy}. */
  public static Finding check(DiskRole role, String subject, long virtualSize, CertificationPolicy policy) {
    RuleId rule = switch (role) {
      case LINUX_OS -> RuleId.LNX_SIZE_1;
      case WINDOWS_OS -> RuleId.WIN_SIZE_1;
      case DATA -> RuleId.DISK_1;
    };
    Thresholds limits = policy.thresholds(rule);
    String size = gib(virtualSize);
    Optional<Long> min = limits.optionalNumber("min-gib");
    Optional<Long> max = limits.optionalNumber("max-gib");
    Optional<Long> reviewAbove = limits.optionalNumber("review-above-gib");
    String range = min.orElse(0L) + "-" + max.or(() -> reviewAbove).map(String::valueOf).orElse("?") + " GiB";
    Finding finding;
    if (min.isPresent() && virtualSize < min.get() * GIB) {
      finding = fail(rule, subject, rule.id() + ".too-small", subject, size, range);
    } else if (max.isPresent() && virtualSize > max.get() * GIB) {
      finding = fail(rule, subject, rule.id() + ".too-large", subject, size, range);
    } else if (reviewAbove.isPresent() && virtualSize > reviewAbove.get() * GIB) {
      finding = warning(rule, subject, rule.id() + ".review", subject, size, reviewAbove.get() + " GiB");
    } else {
      finding = pass(rule, subject, rule.id() + ".ok", subject, size, range);
    }
    List<Finding> judged = policy.judge(List.of(finding.withEvidence(virtualSize + " bytes")));
    return judged.isEmpty() ? finding.withEvidence(virtualSize + " bytes") : judged.get(0);
  }
}
