package cn.marketplace.onboarding.certification.linux;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.UserInfo;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Trust on first use, per submission: the first connection records the host key's fingerprint;
 * later connections of the same submission pass it in and fail if the VM shows another key.
 * Used with {@code StrictHostKeyChecking=yes}, so JSch never accepts a key this class hasn't.
 */
final class HostKeyTrust implements HostKeyRepository {

  private final String expectedFingerprint;
  private volatile String seenFingerprint;

  HostKeyTrust(String expectedFingerprint) {
    this.expectedFingerprint = expectedFingerprint == null || expectedFingerprint.isBlank() ? null : expectedFingerprint;
  }

  /** The OpenSSH form, {@code SHA256:<base64 without padding>} of the key blob. */
  static String fingerprint(byte[] keyBlob) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBlob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** The fingerprint the server showed, or null when the handshake never got that far. */
  String seenFingerprint() {
    return seenFingerprint;
  }

  boolean firstUse() {
    return expectedFingerprint == null;
  }

  @Override
  public int check(String host, byte[] key) {
    seenFingerprint = fingerprint(key);
    if (expectedFingerprint == null || expectedFingerprint.equals(seenFingerprint)) {
      return OK;
    }
    return CHANGED;
  }

  @Override
  public void add(HostKey hostkey, UserInfo ui) {
    // nothing to store: the caller keeps the fingerprint with the submission
  }

  @Override
  public void remove(String host, String type) {}

  @Override
  public void remove(String host, String type, byte[] key) {}

  @Override
  public String getKnownHostsRepositoryID() {
    return "certification-submission";
  }

  @Override
  public HostKey[] getHostKey() {
    return new HostKey[0];
  }

  @Override
  public HostKey[] getHostKey(String host, String type) {
    return new HostKey[0];
  }
}
