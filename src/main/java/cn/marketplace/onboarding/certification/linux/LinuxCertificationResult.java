package cn.marketplace.onboarding.certification.linux;

import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.PolicyRef;
import java.time.Duration;
import java.util.List;

/**
 * The outcome of certifying one Linux VM over SSH.
 *
 * @param policy the certification policy the checks were judged by
 * @param findings the connection test (CERT-2), every LNX-* check, and the verdict (CERT-3)
 * @param certified no finding failed (CERT-3)
 * @param hostKeyFingerprint the host key the VM showed ({@code SHA256:...}); record it with the
 *     submission and pass it to the next run; null when no SSH server answered
 * @param hostKeyFirstSeen no fingerprint was given: this run recorded it (trust on first use)
 * @param distribution the distribution's PRETTY_NAME, or null when the probe did not run
 * @param roundTrips SSH exec channels opened (see {@link LinuxVmProbe#ROUND_TRIPS})
 * @param connectTime connect, handshake and login
 * @param probeTime the probe script on the VM
 * @param totalTime the whole run, checks included
 */
public record LinuxCertificationResult(
    PolicyRef policy, List<Finding> findings, boolean certified, String hostKeyFingerprint, boolean hostKeyFirstSeen,
    String distribution, int roundTrips, Duration connectTime, Duration probeTime, Duration totalTime) {

  public LinuxCertificationResult {
    findings = List.copyOf(findings);
  }
}
