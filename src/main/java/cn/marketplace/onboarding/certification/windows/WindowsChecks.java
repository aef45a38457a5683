package cn.marketplace.onboarding.certification.windows;

import cn.marketplace.onboarding.certification.linux.LinuxChecks;
import cn.marketplace.onboarding.certification.windows.WindowsProbeReport.BitLockerVolume;
import cn.marketplace.onboarding.certification.windows.WindowsProbeReport.FileVersion;
import cn.marketplace.onboarding.certification.windows.WindowsProbeReport.HotFix;
import cn.marketplace.onboarding.certification.windows.WindowsProbeReport.OperatingSystem;
import cn.marketplace.onboarding.certification.windows.WindowsProbeReport.SchannelProtocol;
import cn.marketplace.onboarding.certification.windows.WindowsThresholds.ApprovedBase;
import cn.marketplace.onboarding.certification.windows.WindowsThresholds.SrvSysMinimum;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every Windows check on what the probe saw, one finding per rule with the evidence it rests on:
 * 64-bit (WIN-ARCH-1), an approved base (WIN-BASE-1), generalized (WIN-GEN-1), Remote Desktop on
 * (WIN-RDP-1), no BitLocker on the OS disk (WIN-BITLOCKER-1), none of the unsupported roles and
 * features (WIN-ROLE-1), the WannaCry fix (WIN-SMB-1), old TLS off (WIN-TLS-1) and recent updates
 * (WIN-PATCH-1). What the probe could not see fails its rule: nothing passes unseen.
 */
public final class WindowsChecks {

  static final String SUBJECT = LinuxChecks.SUBJECT;
  /** Windows Setup's state once the out-of-box experience of a deployed generalized image finished. */
  static final String IMAGE_STATE_COMPLETE = "IMAGE_STATE_COMPLETE";
  private static final int EVIDENCE_ITEMS = 8;

  private final WindowsThresholds thresholds;

  public WindowsChecks(WindowsThresholds thresholds) {
    this.thresholds = thresholds;
  }

  /** @param now when the checks run: the age of the last update counts from the probe's time, else from this */
  public List<Finding> check(WindowsProbeReport report, Instant now) {
    List<Finding> findings = new ArrayList<>();
    findings.add(architecture(report));
    findings.add(approvedBase(report));
    findings.add(generalized(report));
    findings.add(remoteDesktop(report));
    findings.add(bitLocker(report));
    findings.add(roles(report));
    findings.add(wannaCry(report));
    findings.add(oldTls(report));
    findings.add(updates(report, report.takenAt().orElse(now)));
    return findings;
  }

  private Finding architecture(WindowsProbeReport report) {
    String shown = report.operatingSystem().map(OperatingSystem::osArchitecture).orElse("");
    Optional<Boolean> is64 = report.is64BitOperatingSystem()
        .or(() -> shown.isEmpty() ? Optional.empty() : Optional.of(shown.startsWith("64")));
    if (is64.isEmpty()) {
      return notRead(RuleId.WIN_ARCH_1, "Is64BitOperatingSystem, OSArchitecture");
    }
    String evidence = "Is64BitOperatingSystem=" + report.is64BitOperatingSystem().map(String::valueOf).orElse("-")
        + ", OSArchitecture=" + (shown.isEmpty() ? "-" : shown);
    return is64.get() ? pass(RuleId.WIN_ARCH_1, "ok", evidence, shown)
        : fail(RuleId.WIN_ARCH_1, "not-64-bit", evidence, shown);
  }

  private Finding approvedBase(WindowsProbeReport report) {
    if (report.operatingSystem().isEmpty()) {
      return notRead(RuleId.WIN_BASE_1, "Win32_OperatingSystem");
    }
    OperatingSystem os = report.operatingSystem().get();
    String evidence = "Caption=" + os.caption() + ", Version=" + os.version() + ", BuildNumber=" + os.buildNumber();
    int build = parseInt(os.buildNumber());
    return thresholds.approvedBases().stream().filter(base -> base.matches(os.caption(), build)).findFirst()
        .map(base -> pass(RuleId.WIN_BASE_1, "vm-ok", evidence, os.caption(), base.name()))
        .orElseGet(() -> fail(RuleId.WIN_BASE_1, "vm-not-approved", evidence, os.caption(), os.buildNumber(),
            thresholds.approvedBases().stream().map(ApprovedBase::name).collect(Collectors.joining("; "))));
  }

  private static Finding generalized(WindowsProbeReport report) {
    Optional<String> state = report.setupState().filter(WindowsProbeReport.RegistryKey::present)
        .flatMap(key -> key.text("ImageState"));
    if (state.isEmpty()) {
      return notRead(RuleId.WIN_GEN_1, "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Setup\\State ImageState");
    }
    String evidence = "ImageState=" + state.get();
    return IMAGE_STATE_COMPLETE.equals(state.get()) ? pass(RuleId.WIN_GEN_1, "vm-ok", evidence)
        : fail(RuleId.WIN_GEN_1, "vm-not-complete", evidence, state.get());
  }

  private static Finding remoteDesktop(WindowsProbeReport report) {
    Optional<Long> deny = report.terminalServer().filter(WindowsProbeReport.RegistryKey::present)
        .flatMap(key -> key.number("fDenyTSConnections"));
    if (deny.isEmpty()) {
      return notRead(RuleId.WIN_RDP_1, "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server fDenyTSConnections");
    }
    String evidence = "fDenyTSConnections=" + deny.get();
    return deny.get() == 0 ? pass(RuleId.WIN_RDP_1, "ok", evidence) : fail(RuleId.WIN_RDP_1, "disabled", evidence);
  }

  private static Finding bitLocker(WindowsProbeReport report) {
    if (report.bitLockerVolumes().isEmpty()) {
      return pass(RuleId.WIN_BITLOCKER_1, "not-installed", "Get-BitLockerVolume: not available (BitLocker not installed)");
    }
    List<BitLockerVolume> volumes = report.bitLockerVolumes().get();
    if (volumes.isEmpty()) {
      return notRead(RuleId.WIN_BITLOCKER_1, "Get-BitLockerVolume -MountPoint $env:SystemDrive");
    }
    BitLockerVolume os = volumes.get(0);
    String evidence = "MountPoint=" + os.mountPoint() + ", VolumeStatus=" + os.volumeStatus()
        + ", ProtectionStatus=" + os.protectionStatus();
    return "FullyDecrypted".equals(os.volumeStatus()) && "Off".equals(os.protectionStatus())
        ? pass(RuleId.WIN_BITLOCKER_1, "ok", evidence, os.mountPoint())
        : fail(RuleId.WIN_BITLOCKER_1, "encrypted", evidence, os.mountPoint(), os.volumeStatus());
  }

  private Finding roles(WindowsProbeReport report) {
    if (report.installedFeatures().isEmpty()) {
      return notRead(RuleId.WIN_ROLE_1, "Get-WindowsFeature");
    }
    Set<String> installed = report.installedFeatures().get().stream()
        .map(feature -> feature.name().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    List<String> found = thresholds.forbiddenFeatures().stream()
        .filter(feature -> installed.contains(feature.name().toLowerCase(Locale.ROOT)))
        .map(feature -> feature.shown() + " (" + feature.name() + ")").toList();
    String checked = thresholds.forbiddenFeatures().size() + " roles and features checked, "
        + installed.size() + " installed";
    return found.isEmpty() ? pass(RuleId.WIN_ROLE_1, "ok", checked)
        : fail(RuleId.WIN_ROLE_1, "installed", evidence(found), String.join(", ", found));
  }

  private Finding wannaCry(WindowsProbeReport report) {
    if (report.operatingSystem().isEmpty()) {
      return notRead(RuleId.WIN_SMB_1, "Win32_OperatingSystem Version");
    }
    String osVersion = report.operatingSystem().get().version();
    Optional<SrvSysMinimum> minimum = thresholds.srvSysMinimumFor(osVersion);
    if (minimum.isEmpty()) {
      return pass(RuleId.WIN_SMB_1, "no-minimum", "Version=" + osVersion, osVersion);
    }
    Optional<FileVersion> file = report.srvSys().or(report::srv2Sys);
    if (file.isEmpty()) {
      return notRead(RuleId.WIN_SMB_1, "srv.sys, srv2.sys VersionInfo");
    }
    String evidence = file.get().fileName() + " " + file.get().version() + " (FileVersion " + file.get().fileVersion()
        + "), minimum " + minimum.get().minimum() + " on " + minimum.get().os();
    return compareVersions(file.get().version(), minimum.get().minimum()) >= 0
        ? pass(RuleId.WIN_SMB_1, "ok", evidence, file.get().version(), minimum.get().minimum())
        : fail(RuleId.WIN_SMB_1, "unpatched", evidence, file.get().version(), minimum.get().minimum(),
            minimum.get().os());
  }

  private Finding oldTls(WindowsProbeReport report) {
    if (report.schannel().isEmpty()) {
      return notRead(RuleId.WIN_TLS_1, "SCHANNEL\\Protocols");
    }
    List<String> enabled = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (String protocol : thresholds.disabledProtocols()) {
      Optional<SchannelProtocol> key = report.schannel().stream().filter(p -> p.protocol().equals(protocol)).findFirst();
      String state = key.filter(SchannelProtocol::present)
          .map(p -> "Enabled=" + p.enabled().map(String::valueOf).orElse("(not set: system default, enabled)")
              + ", DisabledByDefault=" + p.disabledByDefault().map(String::valueOf).orElse("-"))
          .orElse("no Server key (system default, enabled)");
      seen.add(protocol + " Server: " + state);
      if (key.flatMap(SchannelProtocol::enabled).filter(value -> value == 0).isEmpty()) {
        enabled.add(protocol);
      }
    }
    return enabled.isEmpty() ? pass(RuleId.WIN_TLS_1, "ok", evidence(seen), String.join(", ", thresholds.disabledProtocols()))
        : fail(RuleId.WIN_TLS_1, "enabled", evidence(seen), String.join(", ", enabled));
  }

  private Finding updates(WindowsProbeReport report, Instant takenAt) {
    Optional<HotFix> newest = report.hotFixes().stream().filter(fix -> fix.installedOn().isPresent())
        .max(Comparator.comparing(fix -> fix.installedOn().get()));
    if (newest.isEmpty()) {
      return warning(RuleId.WIN_PATCH_1, "vm-none", "Get-HotFix: " + report.hotFixes().size()
          + " updates, none with InstalledOn");
    }
    LocalDate installed = newest.get().installedOn().get();
    long days = ChronoUnit.DAYS.between(installed, takenAt.atOffset(ZoneOffset.UTC).toLocalDate());
    String evidence = newest.get().hotFixId() + " (" + newest.get().description() + ") installed " + installed
        + ", " + days + " days before the probe; " + report.hotFixes().size() + " updates";
    return days <= thresholds.maxDaysSinceLastUpdate()
        ? pass(RuleId.WIN_PATCH_1, "vm-ok", evidence, newest.get().hotFixId(), installed.toString())
        : warning(RuleId.WIN_PATCH_1, "vm-old", evidence, installed.toString(), days,
            thresholds.maxDaysSinceLastUpdate());
  }

  /** Dotted numeric versions, part by part; a missing or unreadable part counts as 0. */
  static int compareVersions(String left, String right) {
    String[] a = left.split("\\.");
    String[] b = right.split("\\.");
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      int order = Long.compare(i < a.length ? parseLong(a[i]) : 0, i < b.length ? parseLong(b[i]) : 0);
      if (order != 0) {
        return order;
      }
    }
    return 0;
  }

  private static long parseLong(String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static int parseInt(String value) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String evidence(List<String> items) {
    String shown = String.join("; ", items.stream().limit(EVIDENCE_ITEMS).toList());
    return items.size() > EVIDENCE_ITEMS ? shown + "; ... (" + items.size() + " in all)" : shown;
  }

  private static Finding notRead(RuleId rule, String what) {
    return Finding.fail(rule, SUBJECT, rule.id() + ".not-read", what).withEvidence("not read: " + what);
  }

  private static Finding pass(RuleId rule, String key, String evidence, Object... args) {
    return Finding.pass(rule, SUBJECT, rule.id() + "." + key, args).withEvidence(evidence);
  }

  private static Finding warning(RuleId rule, String key, String evidence, Object... args) {
    return Finding.warning(rule, SUBJECT, rule.id() + "." + key, args).withEvidence(evidence);
  }

  private static Finding fail(RuleId rule, String key, String evidence, Object... args) {
    return Finding.fail(rule, SUBJECT, rule.id() + "." + key, args).withEvidence(evidence);
  }
}
