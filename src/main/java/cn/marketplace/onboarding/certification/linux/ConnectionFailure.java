package cn.marketplace.onboarding.certification.linux;

import cn.marketplace.onboarding.rules.RuleId;

/**
 * Why the connection test (CERT-2) failed. Each has its own message, key
 * {@code CERT-2.<key>} ({@code CERT-6.<key>} for a destination the product may not connect to), so
 * the ISV knows what to fix. A VM that does not answer in time is none of
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
  EXEC_REFUSED("exec-refused"),
  /** The host is, or resolves to, an address the product never connects to; nothing was sent there. */
  HOST_NOT_ALLOWED(RuleId.CERT_6, "host-not-allowed", "vmHost"),
  /** The port is not one a certification VM may be reached on; nothing was sent there. */
  PORT_NOT_ALLOWED(RuleId.CERT_6, "port-not-allowed", "vmPort");

  private final RuleId rule;
  private final String key;
  private final String field;

  ConnectionFailure(String key) {
    this(RuleId.CERT_2, key, null);
  }

  ConnectionFailure(RuleId rule, String key, String field) {
    this.rule = rule;
    this.key = key;
    this.field = field;
  }

  public RuleId rule() {
    return rule;
  }

  public String messageKey() {
    return rule.id() + "." + key;
  }

  /** The submission field to fix, or null when the failure is the VM's, not a field's. */
  public String field() {
    return field;
  }
}
