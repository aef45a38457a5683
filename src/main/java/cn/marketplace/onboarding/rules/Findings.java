package cn.marketplace.onboarding.rules;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Questions asked of a set of findings. */
public final class Findings {

  private Findings() {}

  public static boolean anyFailed(Collection<Finding> findings) {
    return findings.stream().anyMatch(Finding::failed);
  }

  public static boolean anyWarning(Collection<Finding> findings) {
    return findings.stream().anyMatch(f -> f.result() == Result.WARNING);
  }

  public static List<Finding> failures(Collection<Finding> findings) {
    return findings.stream().filter(Finding::failed).toList();
  }

  /** Failures first, then warnings, then passes; within each, by subject and rule. */
  public static List<Finding> sorted(Collection<Finding> findings) {
    return findings.stream()
        .sorted(Comparator.comparing((Finding f) -> -f.result().ordinal())
            .thenComparing(Finding::subject)
            .thenComparing(f -> f.ruleId().id()))
        .toList();
  }
}
