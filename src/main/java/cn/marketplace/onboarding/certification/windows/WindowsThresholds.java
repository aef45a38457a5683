package cn.marketplace.onboarding.certification.windows;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * What the Windows checks compare the VM against: plain data, so that a certification policy can
 * supply its own. {@link #bundled()} reads {@value #RESOURCE}.
 *
 * @param approvedBases the Windows Server bases an image may be built on (WIN-BASE-1)
 * @param srvSysMinimums the lowest {@code srv.sys} version per Windows version (WIN-SMB-1); a Windows
 *     version without an entry has no minimum
 * @param forbiddenFeatures roles and features that must not be installed (WIN-ROLE-1)
 * @param disabledProtocols SCHANNEL protocols the server side must have disabled (WIN-TLS-1)
 * @param maxDaysSinceLastUpdate how old the newest installed update may be (WIN-PATCH-1)
 */
public record WindowsThresholds(List<ApprovedBase> approvedBases, List<SrvSysMinimum> srvSysMinimums,
    List<Feature> forbiddenFeatures, List<String> disabledProtocols, int maxDaysSinceLastUpdate) {

  public static final String RESOURCE = "/certification/windows-thresholds.json";

  public WindowsThresholds {
    approvedBases = List.copyOf(approvedBases);
    srvSysMinimums = List.copyOf(srvSysMinimums);
    forbiddenFeatures = List.copyOf(forbiddenFeatures);
    disabledProtocols = List.copyOf(disabledProtocols);
    if (maxDaysSinceLastUpdate < 1) {
      throw new IllegalArgumentException("maxDaysSinceLastUpdate must be at least 1: " + maxDaysSinceLastUpdate);
    }
  }

  /**
   * A Windows Server base: its build number ({@code Win32_OperatingSystem.BuildNumber}) and the
   * editions its caption may name.
   */
  public record ApprovedBase(String name, int build, List<String> editions) {
    public ApprovedBase {
      editions = List.copyOf(editions);
    }

    boolean matches(String caption, int buildNumber) {
      return build == buildNumber && caption.contains("Windows Server")
          && editions.stream().anyMatch(caption::contains);
    }
  }

  /** The lowest {@code srv.sys} file version on a Windows version ({@code major.minor.build}). */
  public record SrvSysMinimum(String osVersion, String minimum, String os) {}

  /** A role or feature by its {@code Get-WindowsFeature} name, and the name shown to the ISV. */
  public record Feature(String name, String shown) {}

  Optional<SrvSysMinimum> srvSysMinimumFor(String osVersion) {
    return srvSysMinimums.stream().filter(m -> m.osVersion().equals(osVersion)).findFirst();
  }

  /** The thresholds shipped with the product. */
  public static WindowsThresholds bundled() {
    try (InputStream in = WindowsThresholds.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing from the classpath: " + RESOURCE);
      }
      return JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
          .readValue(in, WindowsThresholds.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
