package cn.marketplace.onboarding.certification;

/**
 * Why the connection test (CERT-2) failed. Each has its own message, key
 * {@code CERT-2.<key>}, so the ISV knows what to fix. A VM that does not answer in time is none of
 * these: it is an outage ({@link VmNotAnsweringException}), retried and not reported to the ISV.
 */
public enum ConnectionFailure {
  /** Nothing listens on the port, or a firewall rejects it. */
  REFUSED("refused"),
  /** The host name does not resolve. */
  UNKNOWN_HOST("unknown-host"),
  /** The server refused the password or the key. */
  AUTHENTICATION_FAILED("authentication-failed"),
  /** The private key is not a key JSch can read (OpenSSH or PEM; RSA, ECDSA or ed25519). */
  KEY_UNREADABLE("key-unreadable"),
  /** The private key is encrypted and the passphrase is missing or wrong. */
  KEY_PASSPHRASE("key-passphrase"),
  /** The VM shows another host key than the one recorded for this submission. */
  HOST_KEY_CHANGED("host-key-changed"),
  /** Something answered, but not as an SSH server we can talk to. */
  PROTOCOL_ERROR("protocol-error"),
  /** Logged in, but the server refused to run the probe. */
  EXEC_REFUSED("exec-refused");

  private final String key;

  ConnectionFailure(String key) {
    this.key = key;
  }

  public String messageKey() {
    return "CERT-2." + key;
  }
}
