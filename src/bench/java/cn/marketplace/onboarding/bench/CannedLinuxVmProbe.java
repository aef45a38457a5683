package cn.marketplace.onboarding.bench;

import cn.marketplace.onboarding.certification.linux.CertificationProperties;
import cn.marketplace.onboarding.certification.linux.LinuxVmProbe;
import cn.marketplace.onboarding.certification.linux.ProbeRun;
import cn.marketplace.onboarding.certification.linux.VmAccess;
import cn.marketplace.onboarding.testsupport.SampleVmServer;
import cn.marketplace.onboarding.testsupport.TestKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The certification's SSH boundary answered in process: every run returns what the product's own
 * probe printed on the sample VM {@value #SAMPLE_VM} (Apache MINA SSHD), recorded once per JVM, so
 * that the probe report's parsing, the LNX-* checks, the verdict and the report still run while no
 * SSH session is timed. Trust on first use as the real probe: the host key is new to a submission's
 * first run.
 */
final class CannedLinuxVmProbe extends LinuxVmProbe {

  static final String SAMPLE_VM = "ubuntu-22.04-good";
  /** The login user of the recorded run; the bench's submissions give the same. */
  static final String USER = SampleVmServer.USER;
  static final String PASSWORD = SampleVmServer.PASSWORD;

  private static ProbeRun recorded;

  private final ProbeRun good;
  private final AtomicLong runs = new AtomicLong();

  CannedLinuxVmProbe(CertificationProperties properties) {
    super(properties);
    this.good = recordOnce(properties);
  }

  @Override
  public ProbeRun run(VmAccess access, String knownHostKey) {
    runs.incrementAndGet();
    return new ProbeRun(null, good.hostKeyFingerprint(), knownHostKey == null, good.output(), false, false,
        good.exitStatus(), good.roundTrips(), Duration.ZERO, Duration.ZERO);
  }

  /** Probe runs answered since start. */
  long runs() {
    return runs.get();
  }

  private static synchronized ProbeRun recordOnce(CertificationProperties properties) {
    if (recorded == null) {
      try (SampleVmServer vm = SampleVmServer.start(TestKeys.ed25519()).serve(SAMPLE_VM)) {
        ProbeRun run = new LinuxVmProbe(properties).run(VmAccess.withPassword(vm.host(), vm.port(), USER, PASSWORD),
            null);
        if (!run.connected() || run.exitStatus() != 0 || run.outputCut() || run.timedOut()) {
          throw new IllegalStateException("the probe did not run on sample VM " + SAMPLE_VM + ": failure "
              + run.failure() + ", exit " + run.exitStatus());
        }
        recorded = run;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return recorded;
  }
}
