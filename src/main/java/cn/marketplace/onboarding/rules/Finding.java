package cn.marketplace.onboarding.rules;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one check of one rule on one subject (a form field, {@code osVhd}, {@code lun3},
 * the VM...). The message is kept as a key of the {@code messages/rules} bundle with its
 * arguments, so that it can be rendered in zh-CN and en; {@code evidence} is what was found
 * (a line, a value), never a secret. {@code policy} names the certification policy that judged it, for
 * the findings of a certification run; null for the rules of a submission's form.
 */
public record Finding(
    RuleId ruleId, Result result, String subject, String messageKey, List<Object> args, String evidence,
    PolicyRef policy) {

  public Finding {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(messageKey, "messageKey");
    args = args == null ? List.of() : List.copyOf(args);
  }

  public Finding(RuleId ruleId, Result result, String subject, String messageKey, List<Object> args, String evidence) {
    this(ruleId, result, subject, messageKey, args, evidence, null);
  }

  public static Finding pass(RuleId rule, String subject, String messageKey, Object... args) {
    return new Finding(rule, Result.PASS, subject, messageKey, List.of(args), null);
  }

  public static Finding warning(RuleId rule, String subject, String messageKey, Object... args) {
    return new Finding(rule, Result.WARNING, subject, messageKey, List.of(args), null);
  }

  public static Finding fail(RuleId rule, String subject, String messageKey, Object... args) {
    return new Finding(rule, Result.FAIL, subject, messageKey, List.of(args), null);
  }

  /** The same finding with the evidence that supports it. */
  public Finding withEvidence(String evidence) {
    return new Finding(ruleId, result, subject, messageKey, args, evidence, policy);
  }

  /** The same finding, judged by {@code policy} with this result. */
  public Finding judged(PolicyRef policy, Result result) {
    return new Finding(ruleId, result, subject, messageKey, args, evidence, policy);
  }

  public boolean failed() {
    return result == Result.FAIL;
  }
}
