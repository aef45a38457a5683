package cn.marketplace.onboarding.certification.linux;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Runs the certification probe on a Linux VM over one SSH session (JSch).
 *
 * <p>The probe script is a resource of the product, sent on the standard input of the fixed
 * command {@value #PROBE_COMMAND}: nothing the ISV gives ever becomes part of a shell command.
 * The whole run is {@value #ROUND_TRIPS} exec channel, whatever the number of checks.
 *
 * <p>A VM that does not answer in time (connect and login within the connect timeout; on the open
 * session, two read timeouts in a row, the second after a keep-alive went unanswered) is an outage:
 * {@link VmNotAnsweringException}. Everything else the VM or the access details do is a result.
 */
@Component
public class LinuxVmProbe {

  /** The only command the product ever runs on a Linux certification VM. */
  public static final String PROBE_COMMAND = "sh -s";
  /** Exec channels one run opens: the probe script, once. */
  public static final int ROUND_TRIPS = 1;
  static final String SCRIPT_RESOURCE = "/certification/linux-probe.sh";

  private static final Logger log = LoggerFactory.getLogger(LinuxVmProbe.class);
  private static final String MASK = "******";
  private static final int MIN_MASKED_SECRET_LENGTH = 4;

  private final CertificationProperties properties;
  private final VmDestinationPolicy destinations;
  private final String command;
  private final byte[] script;

  @Autowired
  public LinuxVmProbe(CertificationProperties properties) {
    this(properties, PROBE_COMMAND, loadScript());
  }

  /**
   * The same single-session run with another fixed command and standard input: how the Windows
   * certification runs its PowerShell probe. Both are the product's own, never the ISV's.
   */
  public LinuxVmProbe(CertificationProperties properties, String command, byte[] standardInput) {
    this.properties = properties;
    this.destinations = new VmDestinationPolicy(properties);
    this.command = command;
    this.script = standardInput.clone();
  }

  /**
   * Connects, checks the host key against the one recorded for the submission (trust on first
   * use), logs in and runs the probe.
   *
   * @param knownHostKey the fingerprint recorded by an earlier run of the same submission, or null
   * @throws VmNotAnsweringException when the VM does not answer in time, at login or during the probe
   */
  public ProbeRun run(VmAccess access, String knownHostKey) {
    HostKeyTrust trust = new HostKeyTrust(knownHostKey);
    JSch jsch = new JSch();
    jsch.setHostKeyRepository(trust);
    long started = System.nanoTime();

    ConnectionFailure notAllowed = refusedDestination(access);
    if (notAllowed != null) {
      log.info("Connection test of {} refused: {}", access.target(), notAllowed);
      return ProbeRun.failed(notAllowed, null, trust.firstUse(), 0, Duration.ZERO);
    }
    if (access.usesPrivateKey()) {
      ConnectionFailure keyProblem = SshSession.addIdentity(jsch, access);
      if (keyProblem != null) {
        return ProbeRun.failed(keyProblem, null, trust.firstUse(), 0, Duration.ZERO);
      }
    }

    Session session = null;
    SshSession.SilenceWatch watch = new SshSession.SilenceWatch(destinations, millis(properties.connectTimeout()));
    try {
      try {
        session = SshSession.open(jsch, access, watch, properties);
      } catch (JSchException e) {
        if (SshSession.isSilence(e)) {
          log.info("Connection test of {}: no answer within {}", access.target(), properties.connectTimeout());
          throw new VmNotAnsweringException(access.target(), VmNotAnsweringException.Stage.CONNECT,
              properties.connectTimeout());
        }
        ConnectionFailure failure = SshSession.classify(e);
        log.info("Connection test of {} failed: {}", access.target(), failure);
        return ProbeRun.failed(failure, trust.seenFingerprint(), trust.firstUse(), 0, since(started));
      }
      Duration connectTime = since(started);
      return runProbe(session, watch, access, trust, connectTime);
    } finally {
      if (session != null) {
        session.disconnect();
      }
    }
  }

  /** The port, then every address the host resolves to now; JSch's socket checks the address again. */
  private ConnectionFailure refusedDestination(VmAccess access) {
    if (!destinations.portAllowed(access.port())) {
      return ConnectionFailure.PORT_NOT_ALLOWED;
    }
    return destinations.check(access.host()) == VmDestinationPolicy.HostCheck.REFUSED
        ? ConnectionFailure.HOST_NOT_ALLOWED : null;
  }

  private ProbeRun runProbe(Session session, SshSession.SilenceWatch watch, VmAccess access, HostKeyTrust trust,
      Duration connectTime) {
    long started = System.nanoTime();
    ChannelExec channel = null;
    try {
      channel = (ChannelExec) session.openChannel("exec");
      channel.setCommand(command);
      channel.setInputStream(new ByteArrayInputStream(script));
      channel.setErrStream(OutputStream.nullOutputStream());
      // the streams before connect(), or the first output can be lost
      InputStream stdout = channel.getInputStream();
      try {
        channel.connect(millis(properties.connectTimeout()));
      } catch (JSchException e) {
        // a server that refuses the exec says so at once; one that said nothing since is silent
        if (watch.nothingReceivedSince(started)) {
          throw silentDuringProbe(access, properties.connectTimeout());
        }
        throw e;
      }

      BoundedOutput output = readUntilClosed(channel, stdout);
      if (watch.lastReadTimedOut()) {
        // JSch closed the session after a read timeout and an unanswered keep-alive
        throw silentDuringProbe(access, properties.readTimeout());
      }
      int exitStatus = channel.isClosed() ? channel.getExitStatus() : -1;
      Duration probeTime = since(started);
      log.info("Probe of {} finished: exit {}, {} bytes, {} round trip(s), cut={}, timed out={}",
          access.target(), exitStatus, output.size(), ROUND_TRIPS, output.cut, output.timedOut);
      return new ProbeRun(null, trust.seenFingerprint(), trust.firstUse(), maskSecrets(output.text(), access),
          output.cut, output.timedOut, exitStatus, ROUND_TRIPS, connectTime, probeTime);
    } catch (JSchException | IOException e) {
      if (watch.lastReadTimedOut()) {
        throw silentDuringProbe(access, properties.readTimeout());
      }
      log.info("Probe of {} could not run: {}", access.target(), e.getClass().getSimpleName());
      return ProbeRun.failed(ConnectionFailure.EXEC_REFUSED, trust.seenFingerprint(), trust.firstUse(), ROUND_TRIPS,
          connectTime);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the probe of " + access.target() + " ran", e);
    } finally {
      if (channel != null) {
        channel.disconnect();
      }
    }
  }

  /** Reads stdout until the channel closes, the output limit, or the probe timeout. */
  private BoundedOutput readUntilClosed(ChannelExec channel, InputStream stdout)
      throws IOException, InterruptedException {
    BoundedOutput output = new BoundedOutput(properties.maxOutputBytes());
    byte[] buffer = new byte[16 * 1024];
    long deadline = System.nanoTime() + properties.probeTimeout().toNanos();
    while (true) {
      while (stdout.available() > 0 && !output.cut) {
        int read = stdout.read(buffer);
        if (read < 0) {
          break;
        }
        output.write(buffer, read);
      }
      if (output.cut) {
        return output;
      }
      if (channel.isClosed() && stdout.available() <= 0) {
        return output;
      }
      if (System.nanoTime() > deadline) {
        output.timedOut = true;
        return output;
      }
      Thread.sleep(20);
    }
  }

  private static VmNotAnsweringException silentDuringProbe(VmAccess access, Duration waited) {
    log.info("Probe of {}: the VM fell silent", access.target());
    return new VmNotAnsweringException(access.target(), VmNotAnsweringException.Stage.PROBE, waited);
  }

  private static String maskSecrets(String output, VmAccess access) {
    String masked = output;
    for (String secret : new String[] {access.password(), access.passphrase()}) {
      if (secret != null && secret.length() >= MIN_MASKED_SECRET_LENGTH) {
        masked = masked.replace(secret, MASK);
      }
    }
    return masked;
  }

  private static byte[] loadScript() {
    try (InputStream in = LinuxVmProbe.class.getResourceAsStream(SCRIPT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("probe script missing from the classpath: " + SCRIPT_RESOURCE);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int millis(Duration duration) {
    return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  private static final class BoundedOutput {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final int limit;
    private boolean cut;
    private boolean timedOut;

    BoundedOutput(int limit) {
      this.limit = limit;
    }

    void write(byte[] buffer, int length) {
      int room = limit - bytes.size();
      bytes.write(buffer, 0, Math.min(room, length));
      cut = length > room;
    }

    int size() {
      return bytes.size();
    }

    String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

}
