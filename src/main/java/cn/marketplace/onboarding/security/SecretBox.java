package cn.marketplace.onboarding.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.encrypt.AesBytesEncryptor;
import org.springframework.security.crypto.encrypt.AesBytesEncryptor.CipherAlgorithm;
import org.springframework.security.crypto.keygen.KeyGenerators;
import org.springframework.stereotype.Component;

/**
 * Encrypts the secrets an ISV submits (SAS URIs, VM passwords and keys) for storage in our own
 * tables: AES-256-GCM with a random 16-byte IV per value, base64 text. A value that was changed
 * or encrypted with another key does not decrypt.
 */
@Component
public class SecretBox {

  private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
  private static final int KEY_BYTES = 32;

  private final AesBytesEncryptor encryptor;

  public SecretBox(SecretsProperties properties) {
    SecretKey key = new SecretKeySpec(keyBytes(properties), "AES");
    this.encryptor = new AesBytesEncryptor(key, KeyGenerators.secureRandom(16), CipherAlgorithm.GCM);
  }

  /** The value encrypted, or null for null or an empty value. */
  public String encrypt(String plain) {
    if (plain == null || plain.isEmpty()) {
      return null;
    }
    return Base64.getEncoder().encodeToString(encryptor.encrypt(plain.getBytes(StandardCharsets.UTF_8)));
  }

  /** The value {@link #encrypt} encrypted, or null for null. */
  public String decrypt(String encrypted) {
    if (encrypted == null) {
      return null;
    }
    return new String(encryptor.decrypt(Base64.getDecoder().decode(encrypted)), StandardCharsets.UTF_8);
  }

  private static byte[] keyBytes(SecretsProperties properties) {
    if (properties.key() != null && !properties.key().isBlank()) {
      return decodeKey(properties.key().strip(), "onboarding.secrets.key");
    }
    Path file = properties.keyFile();
    if (file == null || file.toString().isBlank()) {
      throw new IllegalStateException("No encryption key for secrets: set onboarding.secrets.key "
          + "(environment ONBOARDING_SECRETS_KEY) to 32 random bytes in base64, e.g. `openssl rand -base64 32`");
    }
    try {
      if (Files.exists(file)) {
        return decodeKey(Files.readString(file, StandardCharsets.UTF_8).strip(), file.toString());
      }
      byte[] key = new byte[KEY_BYTES];
      new SecureRandom().nextBytes(key);
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, Base64.getEncoder().encodeToString(key) + System.lineSeparator(), StandardCharsets.UTF_8);
      log.warn("Generated a key for secrets at rest in {} (readable by this user only). Keep it with the database, "
          + "and configure onboarding.secrets.key on every node of a cluster", file.toAbsolutePath());
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the secrets key file " + file, e);
    }
  }

  private static byte[] decodeKey(String base64, String source) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(source + " is not base64: give 32 random bytes in base64 "
          + "(`openssl rand -base64 32`)");
    }
    if (key.length != KEY_BYTES) {
      throw new IllegalStateException(source + " holds " + key.length + " bytes; AES-256 needs " + KEY_BYTES
          + " (`openssl rand -base64 32`)");
    }
    return key;
  }
}
