package cn.marketplace.onboarding.application;

/** An amendment link that is unknown, used already, or past its deadline. */
public class AmendLinkInvalidException extends RuntimeException {

  public AmendLinkInvalidException() {
    super("amendment link unknown, used or expired");
  }
}
