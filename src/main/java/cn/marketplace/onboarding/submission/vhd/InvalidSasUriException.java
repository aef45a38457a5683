package cn.marketplace.onboarding.submission.vhd;

/**
 * A string that is no usable SAS URI. The message names the reason only, never the URI: a SAS
 * URI is a credential.
 */
public class InvalidSasUriException extends Exception {

  /** Why the string was refused; each reason has its own SAS-1 message. */
  public enum Reason {
    MISSING("missing"),
    NOT_A_URI("not-a-uri"),
    NOT_HTTP("not-http"),
    NO_SIGNATURE("no-signature"),
    BAD_PARAMETERS("bad-parameters");

    private final String key;

    Reason(String key) {
      this.key = key;
    }

    /** The suffix of the SAS-1 message key, e.g. {@code SAS-1.no-signature}. */
    public String key() {
      return key;
    }
  }

  private final Reason reason;

  public InvalidSasUriException(Reason reason) {
    super("not a usable SAS URI: " + reason.key());
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
