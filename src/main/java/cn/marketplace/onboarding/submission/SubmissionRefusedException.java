package cn.marketplace.onboarding.submission;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A submission that can't even be registered: its sender may not publish (ACCT-2), or a field can't
 * be stored as given. A {@link FormFieldValidationException}, so that a start or a fix from Tasklist
 * or the engine REST API is refused with 400 and this message, and leaves nothing behind.
 */
public class SubmissionRefusedException extends FormFieldValidationException {

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

  SubmissionRefusedException(Reason reason, String message) {
    super(reason.name(), message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
