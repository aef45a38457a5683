package cn.marketplace.onboarding.submission;

import cn.marketplace.onboarding.engine.Refusal;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleMessages;
import java.util.Locale;
import java.util.Map;

/**
 * A submission that can't even be registered: its sender may not publish (ACCT-2), or a field can't
 * be stored as given. A {@link Refusal}, so that a start or a fix from Tasklist
 * or the engine REST API is refused with 400 and this message, and leaves nothing behind.
 */
public class SubmissionRefusedException extends Refusal {

  public enum Reason {
    /** The caller belongs to no publisher, or to none that may do this. */
    NOT_A_PUBLISHER,
    /** ACCT-2: the publisher has not activated publishing yet. */
    NOT_ACTIVE,
    /** A value our tables can't hold; the rule checks name every other bad value as a finding. */
    BAD_FIELD;

    /** Whether the caller lacks a right, rather than having sent something wrong. */
    public boolean forbidden() {
      return this != BAD_FIELD;
    }
  }

  private final Reason reason;

  private final Finding finding;

  /** Refused by a rule: the message renders its finding, in the caller's language on our API. */
  SubmissionRefusedException(Reason reason, Finding finding) {
    this(reason, finding, RuleMessages.render(finding, RuleMessages.EN));
  }

  SubmissionRefusedException(Reason reason, String message) {
    this(reason, null, message);
  }

  private SubmissionRefusedException(Reason reason, Finding finding, String message) {
    super(reason.name(), reason.forbidden() ? Kind.FORBIDDEN : Kind.INVALID,
        reason.forbidden() ? "not-allowed-to-publish" : "invalid-submission",
        reason.forbidden() ? "Not allowed to publish" : "Invalid submission", message);
    this.reason = reason;
    this.finding = finding;
  }

  public Reason reason() {
    return reason;
  }

  @Override
  public String detail(Locale locale) {
    return finding == null ? getMessage() : RuleMessages.render(finding, locale);
  }

  @Override
  public Map<String, Object> properties(Locale locale) {
    return Map.of("reason", reason.name());
  }
}
