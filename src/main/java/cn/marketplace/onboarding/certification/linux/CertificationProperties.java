package cn.marketplace.onboarding.certification.linux;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the SSH certification run ({@code onboarding.certification.*}).
 *
 * @param connectTimeout TCP connect plus SSH handshake and login
 * @param readTimeout the longest silence of the server tolerated on the open session
 * @param probeTimeout the whole probe script, from sending it to its last line
 * @param maxOutputBytes beyond this the probe's output is cut and reported as too large
 * @param allowedVmNetworks CIDR blocks a VM may be in although they are not public (development and
 *     tests, e.g. {@code 127.0.0.1/32}); empty in production: only public addresses
 * @param allowedVmPorts the SSH ports a VM may be reached on, single ports or ranges ({@code 2200-2299})
 */
@ConfigurationProperties("onboarding.certification")
public record CertificationProperties(
    @DefaultValue("15s") Duration connectTimeout,
    @DefaultValue("60s") Duration readTimeout,
    @DefaultValue("5m") Duration probeTimeout,
    @DefaultValue("4194304") int maxOutputBytes,
    @DefaultValue({}) List<String> allowedVmNetworks,
    @DefaultValue("22") List<String> allowedVmPorts) {

  @ConstructorBinding
  public CertificationProperties {
    allowedVmNetworks = allowedVmNetworks == null ? List.of() : List.copyOf(allowedVmNetworks);
    allowedVmPorts = allowedVmPorts == null || allowedVmPorts.isEmpty() ? List.of("22") : List.copyOf(allowedVmPorts);
  }

  /** Only public addresses, port 22. */
  public CertificationProperties(Duration connectTimeout, Duration readTimeout, Duration probeTimeout,
      int maxOutputBytes) {
    this(connectTimeout, readTimeout, probeTimeout, maxOutputBytes, List.of(), List.of("22"));
  }

  public static CertificationProperties defaults() {
    return new CertificationProperties(Duration.ofSeconds(15), Duration.ofSeconds(60), Duration.ofMinutes(5),
        ProbeReport.MAX_CHARS);
  }

  /** The same limits, with VMs also allowed in {@code networks} and on {@code ports}. */
  public CertificationProperties allowing(List<String> networks, List<String> ports) {
    return new CertificationProperties(connectTimeout, readTimeout, probeTimeout, maxOutputBytes, networks, ports);
  }
}
