package cn.marketplace.onboarding.certification.linux;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchAlgoNegoFailException;
import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SocketFactory;
import com.jcraft.jsch.UIKeyboardInteractive;
import com.jcraft.jsch.UserInfo;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * The SSH side of a certification run: a JSch session to the VM with the product's settings (host
 * key checked, only the given credential, timeouts), a socket that checks every address against
 * the destination policy and notices silence, and what a failed connect means.
 */
final class SshSession {

  private static final String IDENTITY_NAME = "certification-key";

  private SshSession() {}

  static Session open(JSch jsch, VmAccess access, SilenceWatch watch, CertificationProperties properties)
      throws JSchException {
    Session session = jsch.getSession(access.user(), access.host(), access.port());
    session.setSocketFactory(watch);
    // never "no": an unknown key is accepted only through HostKeyTrust's first use
    session.setConfig("StrictHostKeyChecking", "yes");
    if (access.usesPrivateKey()) {
      session.setConfig("PreferredAuthentications", "publickey");
    } else {
      session.setConfig("PreferredAuthentications", "password,keyboard-interactive");
      session.setPassword(access.password());
      session.setUserInfo(new PasswordOnlyUserInfo(access.password()));
    }
    session.setTimeout(millis(properties.readTimeout()));
    session.connect(millis(properties.connectTimeout()));
    return session;
  }

  static ConnectionFailure addIdentity(JSch jsch, VmAccess access) {
    byte[] key = access.privateKey().getBytes(StandardCharsets.UTF_8);
    byte[] passphrase = access.passphrase() == null || access.passphrase().isEmpty()
        ? null : access.passphrase().getBytes(StandardCharsets.UTF_8);
    try {
      KeyPair pair = KeyPair.load(jsch, key, null);
      try {
        // JSch would silently skip an encrypted key it can't open; say so instead
        if (pair.isEncrypted() && (passphrase == null || !pair.decrypt(passphrase))) {
          return ConnectionFailure.KEY_PASSPHRASE;
        }
      } finally {
        pair.dispose();
      }
      jsch.addIdentity(IDENTITY_NAME, key, null, passphrase);
      return null;
    } catch (JSchException | RuntimeException e) {
      return ConnectionFailure.KEY_UNREADABLE;
    }
  }

  /** A connect, handshake or login that got no answer in time. */
  static boolean isSilence(JSchException e) {
    if (e.getCause() instanceof SocketTimeoutException) {
      return true;
    }
    String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    return message.startsWith("timeout") || message.contains("timed out");
  }

  /** What the ISV must fix; call only when {@link #isSilence} is false. */
  static ConnectionFailure classify(JSchException e) {
    if (e instanceof JSchChangedHostKeyException) {
      return ConnectionFailure.HOST_KEY_CHANGED;
    }
    if (e instanceof JSchAlgoNegoFailException) {
      return ConnectionFailure.PROTOCOL_ERROR;
    }
    Throwable cause = e.getCause();
    if (cause instanceof VmDestinationPolicy.DestinationNotAllowedException) {
      return ConnectionFailure.HOST_NOT_ALLOWED;
    }
    if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
      return ConnectionFailure.REFUSED;
    }
    if (cause instanceof UnknownHostException) {
      return ConnectionFailure.UNKNOWN_HOST;
    }
    String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    if (message.startsWith("auth fail") || message.startsWith("auth cancel")) {
      return ConnectionFailure.AUTHENTICATION_FAILED;
    }
    return ConnectionFailure.PROTOCOL_ERROR;
  }

  /**
   * JSch's sockets for one run: resolves the host once, connects only to that address and only if
   * the destination policy allows it, within the connect timeout; and watches what the VM sends, so
   * that a session that died of silence is told apart from one the VM closed or refused.
   */
  static final class SilenceWatch implements SocketFactory {
    private final VmDestinationPolicy destinations;
    private final int connectTimeoutMillis;
    private volatile long lastReceivedNanos = System.nanoTime();
    private volatile boolean lastReadTimedOut;

    SilenceWatch(VmDestinationPolicy destinations, int connectTimeoutMillis) {
      this.destinations = destinations;
      this.connectTimeoutMillis = connectTimeoutMillis;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      if (!destinations.portAllowed(port)) {
        throw new VmDestinationPolicy.DestinationNotAllowedException(host);
      }
      InetAddress address = destinations.resolve(host);
      Socket socket = new Socket();
      try {
        socket.connect(new InetSocketAddress(address, port), connectTimeoutMillis);
        return socket;
      } catch (IOException e) {
        socket.close();
        throw e;
      }
    }

    @Override
    public InputStream getInputStream(Socket socket) throws IOException {
      return new FilterInputStream(socket.getInputStream()) {
        @Override
        public int read() throws IOException {
          byte[] one = new byte[1];
          return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
          try {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
              lastReceivedNanos = System.nanoTime();
              lastReadTimedOut = false;
            }
            return read;
          } catch (SocketTimeoutException e) {
            lastReadTimedOut = true;
            throw e;
          }
        }
      };
    }

    @Override
    public OutputStream getOutputStream(Socket socket) throws IOException {
      return socket.getOutputStream();
    }

    boolean nothingReceivedSince(long nanos) {
      return lastReceivedNanos - nanos < 0;
    }

    boolean lastReadTimedOut() {
      return lastReadTimedOut;
    }
  }

  /** Answers a keyboard-interactive password prompt once with the given password; asks nothing else. */
  private static final class PasswordOnlyUserInfo implements UserInfo, UIKeyboardInteractive {
    private final String password;
    private boolean answered;

    PasswordOnlyUserInfo(String vmPassword) {
      this.password = vmPassword;
    }

    @Override
    public String[] promptKeyboardInteractive(String destination, String name, String instruction, String[] prompt,
        boolean[] echo) {
      if (answered || prompt.length != 1 || echo[0]) {
        return null;
      }
      answered = true;
      return new String[] {password};
    }

    @Override
    public String getPassphrase() {
      return null;
    }

    @Override
    public String getPassword() {
      return null;
    }

    @Override
    public boolean promptPassword(String message) {
      return false;
    }

    @Override
    public boolean promptPassphrase(String message) {
      return false;
    }

    @Override
    public boolean promptYesNo(String message) {
      return false;
    }

    @Override
    public void showMessage(String message) {}
  }

  private static int millis(Duration duration) {
    return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
  }
}
