package cn.marketplace.onboarding.certification.linux;

/**
 * The probe's output could not be read as a report. The only exception {@link ProbeReport#parse}
 * throws; its message names the reason and never quotes the output.
 */
public class ProbeParseException extends Exception {

  /** Why the output is not a report; each has its message key {@code CERT-3.probe.<reason>}. */
  public enum Reason {
    EMPTY("empty"),
    NO_HEADER("no-header"),
    UNSUPPORTED_VERSION("unsupported-version"),
    TRUNCATED("truncated"),
    TOO_LARGE("too-large");

    private final String key;

    Reason(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  private final Reason reason;

  public ProbeParseException(Reason reason, String detail) {
    super(reason.key() + ": " + detail);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
