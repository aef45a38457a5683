package cn.marketplace.onboarding.certification.linux;

import cn.marketplace.onboarding.catalog.ImageType;
import cn.marketplace.onboarding.certification.policy.CertificationPolicy;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.Result;
import cn.marketplace.onboarding.rules.Findings;
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

    if (!run.connected()) {
      findings.add(connectionFailure(access, run, knownHostKey));
    } else {
      findings.add(Finding.pass(RuleId.CERT_2, SUBJECT, "CERT-2.ok", access.host(), access.port())
          .withEvidence(run.hostKeyFingerprint() + (run.firstUse() ? " (first use, recorded)" : " (as recorded)")));
      try {
        ProbeReport report = readReport(run);
        distribution = Distribution.of(report).prettyName();
        findings.addAll(checks.check(report, access.user(), policy, imageType));
      } catch (ProbeParseException e) {
        findings.add(Finding.fail(RuleId.CERT_3, SUBJECT, "CERT-3.probe." + e.reason().key())
            .withEvidence("exit status " + run.exitStatus()));
      } catch (RuntimeException e) {
        // a check tripped over output it did not expect: the VM is not certified, the run goes on
        log.warn("Checks of {} failed on unexpected probe output", access.target(), e);
        findings.add(Finding.fail(RuleId.CERT_3, SUBJECT, "CERT-3.probe.unreadable"));
      }
    }

    findings = new ArrayList<>(policy.judge(findings));
    boolean certified = !Findings.anyFailed(findings);
    findings.add(verdict(findings, certified).judged(policy.ref(), certified ? Result.PASS : Result.FAIL));
    Duration total = Duration.ofNanos(System.nanoTime() - started);
    log.info("Linux certification of {} under {}: certified={}, {} findings, {} round trip(s), {} ms",
        access.target(), policy.ref(), certified, findings.size(), run.roundTrips(), total.toMillis());
    return new LinuxCertificationResult(policy.ref(), findings, certified, run.hostKeyFingerprint(), run.firstUse(), distribution,
        run.roundTrips(), run.connectTime(), run.probeTime(), total);
  }

  private static ProbeReport readReport(ProbeRun run) throws ProbeParseException {
    if (run.timedOut()) {
      throw new ProbeParseException(ProbeParseException.Reason.TRUNCATED, "the probe did not finish in time");
    }
    if (run.outputCut()) {
      throw new ProbeParseException(ProbeParseException.Reason.TOO_LARGE, "the probe printed more than the limit");
    }
    return ProbeReport.parse(run.output());
  }

  private static Finding connectionFailure(VmAccess access, ProbeRun run, String knownHostKey) {
    ConnectionFailure failure = run.failure();
    Finding finding = Finding.fail(failure.rule(), failure.field() == null ? SUBJECT : failure.field(),
        failure.messageKey(), access.host(), access.port());
    if (run.failure() == ConnectionFailure.HOST_KEY_CHANGED) {
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
