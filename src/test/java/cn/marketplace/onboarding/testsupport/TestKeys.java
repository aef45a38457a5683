package cn.marketplace.onboarding.testsupport;

import com.jcraft.jsch.JSch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * Key pairs made fresh for each test run, so no private key is ever committed: host keys for
 * {@link SampleVmServer} and client keys in the formats ISVs upload (OpenSSH and PEM).
 */
public final class TestKeys {

  /** A client key as the ISV gives it: the private key's text, and its public half for the server. */
  public record ClientKey(String privateKeyText, PublicKey publicKey) {}

  private TestKeys() {}

  public static KeyPair rsa() {
    return generate("RSA", 2048);
  }

  public static KeyPair ecdsa() {
    return generate("EC", 256);
  }

  public static KeyPair ed25519() {
    try {
      return SecurityUtils.getKeyPairGenerator(SecurityUtils.EDDSA).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The key in OpenSSH's own format ({@code BEGIN OPENSSH PRIVATE KEY}), encrypted when a passphrase is given. */
  public static ClientKey openSsh(KeyPair pair, String passphrase) {
    try {
      OpenSSHKeyEncryptionContext encryption = null;
      if (passphrase != null) {
        encryption = new OpenSSHKeyEncryptionContext();
        encryption.setPassword(passphrase);
        encryption.setCipherName("AES");
        encryption.setCipherType("256");
        encryption.setCipherMode("CTR");
      }
      ByteArrayOutputStream text = new ByteArrayOutputStream();
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "test", encryption, text);
      return new ClientKey(text.toString(StandardCharsets.US_ASCII), pair.getPublic());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A traditional PEM RSA key ({@code BEGIN RSA PRIVATE KEY}), encrypted when a passphrase is given. */
  public static ClientKey pemRsa(String passphrase) {
    try {
      JSch jsch = new JSch();
      com.jcraft.jsch.KeyPair pair = com.jcraft.jsch.KeyPair.genKeyPair(jsch, com.jcraft.jsch.KeyPair.RSA, 2048);
      ByteArrayOutputStream privateText = new ByteArrayOutputStream();
      ByteArrayOutputStream publicText = new ByteArrayOutputStream();
      if (passphrase == null) {
        pair.writePrivateKey(privateText);
      } else {
        pair.writePrivateKey(privateText, passphrase.getBytes(StandardCharsets.UTF_8));
      }
      pair.writePublicKey(publicText, "test");
      PublicKey publicKey = PublicKeyEntry.parsePublicKeyEntry(publicText.toString(StandardCharsets.US_ASCII).strip())
          .resolvePublicKey(null, null, PublicKeyEntryResolver.FAILING);
      pair.dispose();
      return new ClientKey(privateText.toString(StandardCharsets.US_ASCII), publicKey);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair generate(String algorithm, int size) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      generator.initialize(size);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
