package cn.marketplace.onboarding.certification.linux;

import cn.marketplace.onboarding.certification.policy.CertificationPolicy;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.Findings;
import cn.marketplace.onboarding.rules.Result;
import cn.marketplace.onboarding.rules.RuleId;
import java.util.ArrayList;
import java.util.List;

/**
 * What a certification run over SSH says whatever its operating system: the connection test (CERT-2,
 * CERT-6) and the verdict (CERT-3), on the findings as the submission's policy judges them.
 */
public final class CertificationVerdict {

  /** The subject of the findings about the VM as a whole. */
  public static final String SUBJECT = LinuxChecks.SUBJECT;

  private CertificationVerdict() {}

  /**
   * The connection test's finding: passed with the host key the VM showed, or failed naming the field
   * to fix (the VM where the failure is the VM's).
   *
   * @param knownHostKey the fingerprint an earlier run of the same submission recorded, or null
   */
  public static Finding connection(VmAccess access, ProbeRun run, String knownHostKey) {
    if (run.connected()) {
      return Finding.pass(RuleId.CERT_2, SUBJECT, "CERT-2.ok", access.host(), access.port())
          .withEvidence(run.hostKeyFingerprint() + (run.firstUse() ? " (first use, recorded)" : " (as recorded)"));
    }
    ConnectionFailure failure = run.failure();
    Finding finding = Finding.fail(failure.rule(), failure.field() == null ? SUBJECT : failure.field(),
        failure.messageKey(), access.host(), access.port());
    if (failure == ConnectionFailure.HOST_KEY_CHANGED) {
      return finding.withEvidence("recorded " + knownHostKey + ", shown " + run.hostKeyFingerprint());
    }
    return finding.withEvidence(access.host() + ":" + access.port());
  }

  /** The probe's output failing CERT-3: unfinished or cut, or not readable as its report. */
  public static Finding probeFailed(ProbeRun run, ProbeParseException e) {
    return Finding.fail(RuleId.CERT_3, SUBJECT, "CERT-3.probe." + e.reason().key())
        .withEvidence("exit status " + run.exitStatus());
  }

  /**
   * The findings as {@code policy} judges them, followed by the verdict: certified when none of them
   * failed (CERT-3), else not certified naming every failed rule.
   */
  public static List<Finding> judge(List<Finding> findings, CertificationPolicy policy) {
    List<Finding> judged = new ArrayList<>(policy.judge(findings));
    boolean certified = !Findings.anyFailed(judged);
    judged.add(verdict(judged, certified).judged(policy.ref(), certified ? Result.PASS : Result.FAIL));
    return judged;
  }

  /** Whether the judged findings, verdict included, certify the image. */
  public static boolean certified(List<Finding> judged) {
    return !Findings.anyFailed(judged);
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
