package cn.marketplace.onboarding.release;

import cn.marketplace.onboarding.engine.Refusal;
import java.util.Locale;

/** No release, offer or publisher catalogue that the caller may see: the same answer for each, to reveal nothing. */
public class ReleaseNotFoundException extends Refusal {

  ReleaseNotFoundException(String what) {
    super("id", Kind.NOT_FOUND, "not-found", "Not found", "no " + what + " visible to the caller");
  }

  @Override
  public String detail(Locale locale) {
    return "No such offer, release or publisher catalogue is visible to you.";
  }
}
