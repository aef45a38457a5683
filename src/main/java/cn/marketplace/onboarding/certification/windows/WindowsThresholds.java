package cn.marketplace.onboarding.certification.windows;

import cn.marketplace.onboarding.certification.policy.CertificationPolicy;
import cn.marketplace.onboarding.rules.RuleId;
import java.util.List;
import java.util.Optional;

/**
 * What the Windows checks compare the VM against, as the certification policy gives it
 * ({@link #of(CertificationPolicy)}): the thresholds of the WIN-* rules in the policy file.
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
   * The thresholds {@code policy} gives its WIN-* rules. A rule the policy does not apply gives none:
   * its check finds nothing to hold against and {@link CertificationPolicy#judge} drops its finding.
   */
  public static WindowsThresholds of(CertificationPolicy policy) {
    return new WindowsThresholds(
        approvedBases(policy),
        policy.applies(RuleId.WIN_SMB_1) ? policy.thresholds(RuleId.WIN_SMB_1).entries("srv-sys-minimums").stream()
            .map(m -> new SrvSysMinimum(m.text("os-version"), m.text("minimum"), m.text("os"))).toList() : List.of(),
        policy.applies(RuleId.WIN_ROLE_1) ? policy.thresholds(RuleId.WIN_ROLE_1).entries("forbidden-features").stream()
            .map(f -> new Feature(f.text("name"), f.text("shown"))).toList() : List.of(),
        policy.applies(RuleId.WIN_TLS_1) ? policy.thresholds(RuleId.WIN_TLS_1).texts("disabled-protocols") : List.of(),
        policy.applies(RuleId.WIN_PATCH_1)
            ? Math.toIntExact(policy.thresholds(RuleId.WIN_PATCH_1).number("max-days-since-last-update"))
            : Integer.MAX_VALUE);
  }

  /**
   * The Windows Server bases {@code policy} approves (WIN-BASE-1): the one list that both the
   * submission's OS name and the VM's edition and build are held against.
   */
  public static List<ApprovedBase> approvedBases(CertificationPolicy policy) {
    if (!policy.applies(RuleId.WIN_BASE_1)) {
      return List.of();
    }
    return policy.thresholds(RuleId.WIN_BASE_1).entries("approved-bases").stream()
        .map(b -> new ApprovedBase(b.text("name"), Math.toIntExact(b.number("build")), b.texts("editions"),
            b.optionalText("also-named").isPresent() ? b.texts("also-named") : List.of()))
        .toList();
  }

  /**
   * A Windows Server base: its build number ({@code Win32_OperatingSystem.BuildNumber}), the editions
   * its caption may name, and the other names a submission may give an image on it (e.g. the SQL
   * Server images Microsoft built on it).
   */
  public record ApprovedBase(String name, int build, List<String> editions, List<String> alsoNamed) {
    public ApprovedBase {
      editions = List.copyOf(editions);
      alsoNamed = List.copyOf(alsoNamed);
    }

    boolean matches(String caption, int buildNumber) {
      return build == buildNumber && caption.contains("Windows Server")
          && editions.stream().anyMatch(caption::contains);
    }

    /** The names a submission's OS name may hold for this base: its own, then the others. */
    public List<String> names() {
      return java.util.stream.Stream.concat(java.util.stream.Stream.of(name), alsoNamed.stream()).toList();
    }
  }

  /** The lowest {@code srv.sys} file version on a Windows version ({@code major.minor.build}). */
  public record SrvSysMinimum(String osVersion, String minimum, String os) {}

  /** A role or feature by its {@code Get-WindowsFeature} name, and the name shown to the ISV. */
  public record Feature(String name, String shown) {}

  Optional<SrvSysMinimum> srvSysMinimumFor(String osVersion) {
    return srvSysMinimums.stream().filter(m -> m.osVersion().equals(osVersion)).findFirst();
  }
}
