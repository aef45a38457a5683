package cn.marketplace.onboarding.certification.windows;

import cn.marketplace.onboarding.certification.linux.ConnectionFailure;
import cn.marketplace.onboarding.certification.linux.LinuxCertificationResult;
import cn.marketplace.onboarding.certification.linux.ProbeParseException;
import cn.marketplace.onboarding.certification.linux.ProbeRun;
import cn.marketplace.onboarding.certification.linux.VmAccess;
import cn.marketplace.onboarding.certification.policy.CertificationPolicy;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.Findings;
import cn.marketplace.onboarding.rules.Result;
import cn.marketplace.onboarding.rules.RuleId;
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
  private static final String SUBJECT = WindowsChecks.SUBJECT;

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
    if (!run.connected()) {
      findings.add(connectionFailure(access, run, knownHostKey));
    } else {
      findings.add(Finding.pass(RuleId.CERT_2, SUBJECT, "CERT-2.ok", access.host(), access.port())
          .withEvidence(run.hostKeyFingerprint() + (run.firstUse() ? " (first use, recorded)" : " (as recorded)")));
      try {
        WindowsProbeReport report = readReport(run);
        os = report.operatingSystem().map(WindowsProbeReport.OperatingSystem::caption).orElse(null);
        findings.addAll(new WindowsChecks(WindowsThresholds.of(policy)).check(report, clock.instant()));
      } catch (ProbeParseException e) {
        findings.add(Finding.fail(RuleId.CERT_3, SUBJECT, "CERT-3.probe." + e.reason().key())
            .withEvidence("exit status " + run.exitStatus()));
      }
    }
    findings = new ArrayList<>(policy.judge(findings));
    boolean certified = !Findings.anyFailed(findings);
    findings.add(verdict(findings, certified).judged(policy.ref(), certified ? Result.PASS : Result.FAIL));
    Duration total = Duration.ofNanos(System.nanoTime() - started);
    log.info("Windows certification of {} under {}: certified={}, {} findings, {} round trip(s), {} ms",
        access.target(), policy.ref(), certified, findings.size(), run.roundTrips(), total.toMillis());
    return new LinuxCertificationResult(policy.ref(), findings, certified, run.hostKeyFingerprint(), run.firstUse(), os,
        run.roundTrips(), run.connectTime(), run.probeTime(), total);
  }

  private static WindowsProbeReport readReport(ProbeRun run) throws ProbeParseException {
    if (run.timedOut()) {
      throw new ProbeParseException(ProbeParseException.Reason.TRUNCATED, "the probe did not finish in time");
    }
    if (run.outputCut()) {
      throw new ProbeParseException(ProbeParseException.Reason.TOO_LARGE, "the probe printed more than the limit");
    }
    return WindowsProbeReport.parse(run.output());
  }

  private static Finding connectionFailure(VmAccess access, ProbeRun run, String knownHostKey) {
    ConnectionFailure failure = run.failure();
    Finding finding = Finding.fail(failure.rule(), failure.field() == null ? SUBJECT : failure.field(),
        failure.messageKey(), access.host(), access.port());
    if (failure == ConnectionFailure.HOST_KEY_CHANGED) {
      return finding.withEvidence("recorded " + knownHostKey + ", shown " + run.hostKeyFingerprint());
    }
    return finding.withEvidence(access.host() + ":" + access.port());
  }

  private static Finding verdict(List<Finding> findings, boolean certified) {
    if (certified) {
      return Finding.pass(RuleId.CERT_3, SUBJECT, "CERT-3.certified");
    }
    List<String> failedRules = Findings.failures(findings).stream().map(f -> f.ruleId().id()).distinct().toList();
    return Finding.fail(RuleId.CERT_3, SUBJECT, "CERT-3.not-certified", failedRules.size(), String.join(", ", failedRules))
        .withEvidence(String.join(", ", failedRules));
  }
}
