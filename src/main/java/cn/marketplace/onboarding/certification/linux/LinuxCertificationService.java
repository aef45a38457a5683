package cn.marketplace.onboarding.certification.linux;

import cn.marketplace.onboarding.catalog.ImageType;
import cn.marketplace.onboarding.certification.policy.CertificationPolicy;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Certifies a Linux VM made from the ISV's image (CERT-1): tests the connection (CERT-2), runs
 * the probe once over SSH, checks every LNX-* rule on its report, and gives the verdict: any
 * failed check means not certified (CERT-3). Whatever the VM answers, this returns findings; a VM
 * that does not answer in time is an outage and throws {@link VmNotAnsweringException}, so that
 * the step is retried rather than the ISV told to fix what is not theirs.
 */
@Service
public class LinuxCertificationService {

  private static final Logger log = LoggerFactory.getLogger(LinuxCertificationService.class);
  private static final String SUBJECT = LinuxChecks.SUBJECT;

  private final LinuxVmProbe probe;
  private final LinuxChecks checks;

  public LinuxCertificationService(LinuxVmProbe probe, LinuxChecks checks) {
    this.probe = probe;
    this.checks = checks;
  }

  /**
   * @param access how to reach the VM; its secrets go nowhere but the SSH login
   * @param knownHostKey the fingerprint an earlier run of the same submission returned, or null
   *     on the first run
   * @param policy the certification policy the submission is checked against: its thresholds and severities
   * @throws VmNotAnsweringException when the VM does not answer in time, at login or during the probe
   */
  public LinuxCertificationResult run(VmAccess access, String knownHostKey, CertificationPolicy policy) {
    return run(access, knownHostKey, policy, ImageType.X64_GEN1);
  }

  /** As {@link #run(VmAccess, String, CertificationPolicy)}, for an image of {@code imageType} (IMG-TYPE-3 to IMG-TYPE-5). */
  public LinuxCertificationResult run(VmAccess access, String knownHostKey, CertificationPolicy policy,
      ImageType imageType) {
    long started = System.nanoTime();
    ProbeRun run = probe.run(access, knownHostKey);
    List<Finding> findings = new ArrayList<>();
    String distribution = null;

    findings.add(CertificationVerdict.connection(access, run, knownHostKey));
    if (run.connected()) {
      try {
        ProbeReport report = ProbeReport.parse(run.completeOutput());
        distribution = Distribution.of(report).prettyName();
        findings.addAll(checks.check(report, access.user(), policy, imageType));
      } catch (ProbeParseException e) {
        findings.add(CertificationVerdict.probeFailed(run, e));
      } catch (RuntimeException e) {
        // a check tripped over output it did not expect: the VM is not certified, the run goes on
        log.warn("Checks of {} failed on unexpected probe output", access.target(), e);
        findings.add(Finding.fail(RuleId.CERT_3, SUBJECT, "CERT-3.probe.unreadable"));
      }
    }

    findings = CertificationVerdict.judge(findings, policy);
    boolean certified = CertificationVerdict.certified(findings);
    Duration total = Duration.ofNanos(System.nanoTime() - started);
    log.info("Linux certification of {} under {}: certified={}, {} findings, {} round trip(s), {} ms",
        access.target(), policy.ref(), certified, findings.size(), run.roundTrips(), total.toMillis());
    return new LinuxCertificationResult(policy.ref(), findings, certified, run.hostKeyFingerprint(), run.firstUse(), distribution,
        run.roundTrips(), run.connectTime(), run.probeTime(), total);
  }
}
