package cn.marketplace.onboarding.certification.linux;

import java.util.Objects;

/**
 * How to reach the certification VM over SSH (CERT-1): host, port, user, and either a password
 * or a private key (OpenSSH or PEM; RSA, ECDSA or ed25519) with an optional passphrase.
 *
 * <p>{@link #toString()} masks every secret, so an instance can be logged safely.
 */
public record VmAccess(String host, int port, String user, String password, String privateKey, String passphrase) {

  public static final int DEFAULT_PORT = 22;

  public VmAccess {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(user, "user");
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (isBlank(password) && isBlank(privateKey)) {
      throw new IllegalArgumentException("a password or a private key is needed");
    }
  }

  public static VmAccess withPassword(String host, int port, String user, String password) {
    return new VmAccess(host, port, user, password, null, null);
  }

  public static VmAccess withPrivateKey(String host, int port, String user, String privateKey, String passphrase) {
    return new VmAccess(host, port, user, null, privateKey, passphrase);
  }

  public boolean usesPrivateKey() {
    return !isBlank(privateKey);
  }

  /** {@code user@host:port}, for messages and logs. */
  public String target() {
    return user + "@" + host + ":" + port;
  }

  @Override
  public String toString() {
    return "VmAccess[" + target() + ", " + (usesPrivateKey() ? "privateKey=***" : "password=***")
        + (isBlank(passphrase) ? "" : ", passphrase=***") + "]";
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
