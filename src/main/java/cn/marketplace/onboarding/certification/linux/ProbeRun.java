package cn.marketplace.onboarding.certification.linux;

import java.time.Duration;

/**
 * What one SSH run of the probe gave: either a connection failure (CERT-2) or the probe's output.
 *
 * @param failure why the connection test failed, or null when the probe ran
 * @param hostKeyFingerprint the host key the server showed ({@code SHA256:...}), null if none was seen
 * @param firstUse true when no fingerprint was recorded before this run
 * @param output what the probe printed on stdout, secrets of the access masked; null on failure
 * @param outputCut the output went past the configured limit and was cut
 * @param timedOut the probe did not finish within the probe timeout
 * @param exitStatus the probe's exit status, -1 when unknown
 * @param roundTrips SSH exec channels opened
 * @param connectTime connect, handshake and login
 * @param probeTime from opening the exec channel to its close
 */
public record ProbeRun(
    ConnectionFailure failure, String hostKeyFingerprint, boolean firstUse, String output, boolean outputCut,
    boolean timedOut, int exitStatus, int roundTrips, Duration connectTime, Duration probeTime) {

  static ProbeRun failed(ConnectionFailure failure, String fingerprint, boolean firstUse, int roundTrips,
      Duration connectTime) {
    return new ProbeRun(failure, fingerprint, firstUse, null, false, false, -1, roundTrips, connectTime, Duration.ZERO);
  }

  public boolean connected() {
    return failure == null;
  }

  /**
   * The probe's output, when the probe finished within the timeout and the output limit.
   *
   * @throws ProbeParseException {@code TRUNCATED} when the probe did not finish in time, {@code TOO_LARGE}
   *     when it printed more than the limit
   */
  public String completeOutput() throws ProbeParseException {
    if (timedOut) {
      throw new ProbeParseException(ProbeParseException.Reason.TRUNCATED, "the probe did not finish in time");
    }
    if (outputCut) {
      throw new ProbeParseException(ProbeParseException.Reason.TOO_LARGE, "the probe printed more than the limit");
    }
    return output;
  }
}
