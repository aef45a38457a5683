package cn.marketplace.onboarding.certification.windows;

import cn.marketplace.onboarding.certification.linux.CertificationVerdict;
import cn.marketplace.onboarding.certification.linux.LinuxCertificationResult;
import cn.marketplace.onboarding.certification.linux.ProbeParseException;
import cn.marketplace.onboarding.certification.linux.ProbeRun;
import cn.marketplace.onboarding.certification.linux.VmAccess;
import cn.marketplace.onboarding.certification.policy.CertificationPolicy;
import cn.marketplace.onboarding.rules.Finding;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Certifies a Windows VM made from the ISV's image, as the Linux certification does: tests the
 * connection (CERT-2), runs the PowerShell probe once over SSH, checks every WIN-* rule against the
 * thresholds of the submission's policy and judges the findings by it, and gives the verdict (CERT-3). Whatever the VM answers is findings; a VM
 * that does not answer in time throws {@code VmNotAnsweringException}, so the step is retried.
 */
@Service
public class WindowsCertificationService {

  private static final Logger log = LoggerFactory.getLogger(WindowsCertificationService.class);

  private final WindowsVmProbe probe;
  private final Clock clock;

  @Autowired
  public WindowsCertificationService(WindowsVmProbe probe) {
    this(probe, Clock.systemUTC());
  }

  WindowsCertificationService(WindowsVmProbe probe, Clock clock) {
    this.probe = probe;
    this.clock = clock;
  }

  /**
   * @param access how to reach the VM; its password goes nowhere but the SSH login
   * @param knownHostKey the fingerprint an earlier run of the same submission recorded, or null
   * @param policy the certification policy the submission is checked against: the approved bases,
   *     {@code srv.sys} minimums, forbidden features and the rest, and the severities
   */
  public LinuxCertificationResult run(VmAccess access, String knownHostKey, CertificationPolicy policy) {
    long started = System.nanoTime();
    ProbeRun run = probe.run(access, knownHostKey);
    List<Finding> findings = new ArrayList<>();
    String os = null;
    findings.add(CertificationVerdict.connection(access, run, knownHostKey));
    if (run.connected()) {
      try {
        WindowsProbeReport report = WindowsProbeReport.parse(run.completeOutput());
        os = report.operatingSystem().map(WindowsProbeReport.OperatingSystem::caption).orElse(null);
        findings.addAll(new WindowsChecks(WindowsThresholds.of(policy)).check(report, clock.instant()));
      } catch (ProbeParseException e) {
        findings.add(CertificationVerdict.probeFailed(run, e));
      }
    }
    findings = CertificationVerdict.judge(findings, policy);
    boolean certified = CertificationVerdict.certified(findings);
    Duration total = Duration.ofNanos(System.nanoTime() - started);
    log.info("Windows certification of {} under {}: certified={}, {} findings, {} round trip(s), {} ms",
        access.target(), policy.ref(), certified, findings.size(), run.roundTrips(), total.toMillis());
    return new LinuxCertificationResult(policy.ref(), findings, certified, run.hostKeyFingerprint(), run.firstUse(), os,
        run.roundTrips(), run.connectTime(), run.probeTime(), total);
  }
}
