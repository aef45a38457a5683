package cn.marketplace.onboarding.release;

/** No release, offer or publisher catalogue that the caller may see: the same answer for each, to reveal nothing. */
public class ReleaseNotFoundException extends RuntimeException {

  ReleaseNotFoundException(String what) {
    super("no " + what + " visible to the caller");
  }
}
