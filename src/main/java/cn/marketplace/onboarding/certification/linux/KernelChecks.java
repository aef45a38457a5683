package cn.marketplace.onboarding.certification.linux;

import static cn.marketplace.onboarding.certification.linux.LinuxFindings.*;

import cn.marketplace.onboarding.certification.policy.Thresholds;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LNX-KERN-1: the kernel carries the TCP SACK fixes of 2019 (CVE-2019-11477, -11478, -11479), judged by
 * the policy's table of minimum kernels per distribution and version, or by the sysctl the fixes added.
 */
final class KernelChecks {

  static final String FIX_SYSCTL = "net.ipv4.tcp_min_snd_mss";
  /** The kernel package's version in {@code /proc/version}: "... #1 SMP Debian 4.9.168-1+deb9u3 (2019-06-16)". */
  private static final Pattern DEBIAN_PACKAGE = Pattern.compile("Debian (\\d[\\w.+~:-]*)");

  private KernelChecks() {}

  /** One row of the table: where it applies and the first kernel with the fixes. */
  private record Row(String name, List<String> distributions, List<String> versions, String minimum, String flavour,
      boolean debianPackage) {

    static Row of(Thresholds entry) {
      return new Row(entry.text("row"), entry.texts("distributions"), entry.texts("versions"), entry.text("minimum"),
          entry.optionalText("flavour").orElse(""),
          entry.optionalText("version-of").map("debian-package"::equals).orElse(false));
    }
  }

  // LNX-KERN-1: a kernel at or above its row of the table, or with the fixes' sysctl
  static Finding sackFixes(ProbeReport report, Distribution distribution, Thresholds thresholds) {
    String release = report.attribute("uname", "kernel");
    boolean sysctl = "present".equals(report.attribute("uname", "tcp_min_snd_mss"));
    Optional<String> debianPackage = debianPackage(report.attribute("uname", "proc-version"));
    String kernel = release + debianPackage.map(v -> " (Debian " + v + ")").orElse("");
    String version = distribution.releaseVersion(report);
    List<Row> rows = thresholds.entries("minimum-kernels").stream().map(Row::of)
        .filter(row -> applies(row, distribution, version, release, debianPackage))
        .toList();
    String evidence = "uname -r: " + release + debianPackage.map(v -> "; /proc/version: Debian " + v).orElse("")
        + "; " + distribution.prettyName();
    for (Row row : rows) {
      if (atLeast(row, distribution, release, debianPackage)) {
        return pass(RuleId.LNX_KERN_1, "table", evidence + "; " + row.name() + ": " + row.minimum() + " or later",
            kernel, row.minimum(), row.name());
      }
    }
    if (sysctl) {
      return pass(RuleId.LNX_KERN_1, "sysctl", FIX_SYSCTL + " present: the 2019 fix set (NFLX-2019-001)",
          release.isEmpty() ? "?" : kernel);
    }
    if (release.isEmpty()) {
      return fail(RuleId.LNX_KERN_1, "unknown", null);
    }
    if (!rows.isEmpty()) {
      Row row = rows.get(0);
      return fail(RuleId.LNX_KERN_1, "too-old", evidence + "; " + row.name() + ": " + row.minimum(),
          kernel, row.minimum(), row.name());
    }
    return fail(RuleId.LNX_KERN_1, "not-listed", evidence + "; " + FIX_SYSCTL + " absent", kernel);
  }

  private static Optional<String> debianPackage(String procVersion) {
    // the compiler's Debian version comes first ("gcc version 8.3.0 (Debian 8.3.0-6)"): the kernel's is the last
    Matcher matcher = DEBIAN_PACKAGE.matcher(procVersion);
    String last = null;
    while (matcher.find()) {
      last = matcher.group(1);
    }
    return Optional.ofNullable(last);
  }

  private static boolean applies(Row row, Distribution distribution, String version, String release,
      Optional<String> debianPackage) {
    if (!row.distributions().contains(distribution.id()) || !row.versions().contains(version)) {
      return false;
    }
    if (row.debianPackage() && debianPackage.isEmpty()) {
      return false;
    }
    // Oracle Linux: the Unbreakable Enterprise Kernel ("uek" in its release) or the Red Hat compatible one
    boolean uek = release.toLowerCase(Locale.ROOT).contains("uek");
    if ((row.flavour().equals("uek") && !uek) || (row.flavour().equals("rhck") && uek)) {
      return false;
    }
    List<Long> kernel = kernelNumbers(row, release, debianPackage);
    List<Long> minimum = Versions.numbers(row.minimum());
    return kernel.size() >= 2 && kernel.subList(0, 2).equals(minimum.subList(0, 2));
  }

  private static boolean atLeast(Row row, Distribution distribution, String release, Optional<String> debianPackage) {
    List<Long> kernel = kernelNumbers(row, release, debianPackage);
    List<Long> minimum = Versions.numbers(row.minimum());
    if (distribution.family() == Distribution.Family.SUSE && minimum.size() > kernel.size()) {
      // SUSE's uname -r leaves out the package's last number: kernel-azure 4.12.14-5.30.1 runs as 4.12.14-5.30-azure
      minimum = minimum.subList(0, kernel.size());
    }
    return Versions.compare(kernel, minimum) >= 0;
  }

  private static List<Long> kernelNumbers(Row row, String release, Optional<String> debianPackage) {
    return row.debianPackage() ? Versions.numbers(debianPackage.orElse("")) : Versions.kernelNumbers(release);
  }
}
