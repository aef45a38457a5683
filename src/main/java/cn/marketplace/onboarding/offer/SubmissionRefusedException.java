package cn.marketplace.onboarding.offer;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A submission that can't even be registered: its sender may not publish (ACCT-2), or a field can't
 * be stored as given. A {@link BadUserRequestException}, so that a start or a fix from Tasklist is
 * refused with this message and leaves nothing behind.
 */
public class SubmissionRefusedException extends BadUserRequestException {

  public enum Reason { NOT_A_PUBLISHER, NOT_ACTIVE, BAD_FIELD }

  private final Reason reason;

  SubmissionRefusedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
