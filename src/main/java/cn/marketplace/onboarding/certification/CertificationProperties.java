package cn.marketplace.onboarding.certification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the SSH certification run ({@code onboarding.certification.*}).
 *
 * @param connectTimeout TCP connect plus SSH handshake and login
 * @param readTimeout the longest silence of the server tolerated on the open session
 * @param probeTimeout the whole probe script, from sending it to its last line
 * @param maxOutputBytes beyond this the probe's output is cut and reported as too large
 */
@ConfigurationProperties("onboarding.certification")
public record CertificationProperties(
    @DefaultValue("15s") Duration connectTimeout,
    @DefaultValue("60s") Duration readTimeout,
    @DefaultValue("5m") Duration probeTimeout,
    @DefaultValue("4194304") int maxOutputBytes) {

  public static CertificationProperties defaults() {
    return new CertificationProperties(Duration.ofSeconds(15), Duration.ofSeconds(60), Duration.ofMinutes(5),
        ProbeReport.MAX_CHARS);
  }
}
