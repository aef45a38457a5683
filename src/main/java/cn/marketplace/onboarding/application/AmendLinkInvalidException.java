package cn.marketplace.onboarding.application;

import cn.marketplace.onboarding.engine.Refusal;

/** An amendment link that is unknown, used already, or past its deadline. */
public class AmendLinkInvalidException extends Refusal {

  public AmendLinkInvalidException() {
    super("amendLink", Kind.GONE, "amend-link-invalid", "Amendment link not usable",
        "This amendment link is unknown, used already or expired.");
  }
}
