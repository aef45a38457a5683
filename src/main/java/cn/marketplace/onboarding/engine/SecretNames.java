package cn.marketplace.onboarding.engine;

import java.util.regex.Pattern;

/**
 * Which values carry a secret, by their name: a password, a private key or passphrase, a token, or an
 * address that opens something (a SAS URI). Such a value is never written to history, put into a
 * mail or shown back in a publisher's history, whatever step it passes through.
 */
public final class SecretNames {

  private static final Pattern SECRET = Pattern.compile("(?i).*(password|privatekey|passphrase|secret|token|sas|uri|uris|key)");

  private SecretNames() {}

  public static boolean isSecret(String name) {
    return name != null && SECRET.matcher(name).matches();
  }
}
