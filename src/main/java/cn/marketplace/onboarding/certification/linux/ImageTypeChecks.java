package cn.marketplace.onboarding.certification.linux;

import static cn.marketplace.onboarding.certification.linux.LinuxFindings.fail;
import static cn.marketplace.onboarding.certification.linux.LinuxFindings.pass;

import cn.marketplace.onboarding.catalog.ImageType;
import cn.marketplace.onboarding.catalog.ImageType.Architecture;
import cn.marketplace.onboarding.catalog.ImageType.Generation;
import cn.marketplace.onboarding.certification.linux.ProbeReport.Section;
import cn.marketplace.onboarding.certification.policy.CertificationPolicy;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * IMG-TYPE-3 to IMG-TYPE-5 on the VM: it runs the architecture its SKU declares ({@code uname -m}),
 * its kernel writes to that architecture's serial console (as the policy names it: {@code ttyS0} on x64,
 * {@code ttyAMA0} on arm64 in Microsoft's image tests), and it booted by the declared
 * generation's firmware (UEFI shows {@code /sys/firmware/efi}, BIOS does not).
 */
final class ImageTypeChecks {

  /** What {@code uname -m} may print for each architecture. */
  private static final List<String> X64_MACHINES = List.of("x86_64", "amd64");
  private static final List<String> ARM64_MACHINES = List.of("aarch64", "arm64");

  private ImageTypeChecks() {}

  /** The checks {@code policy} applies, the serial console per architecture as it names it. */
  static List<Finding> check(ProbeReport report, ImageType type, CertificationPolicy policy) {
    List<Finding> findings = new ArrayList<>();
    if (policy.applies(RuleId.IMG_TYPE_3)) {
      findings.add(architecture(report, type.architecture()));
    }
    if (policy.applies(RuleId.IMG_TYPE_4)) {
      String console = policy.thresholds(RuleId.IMG_TYPE_4).textMap("console").get(type.architecture().value());
      if (console == null) {
        throw new IllegalStateException(policy.ref() + " IMG-TYPE-4 names no console for " + type.architecture().value());
      }
      findings.add(serialConsole(report, type.architecture(), console));
    }
    if (policy.applies(RuleId.IMG_TYPE_5)) {
      findings.add(firmware(report, type.generation()));
    }
    return findings;
  }

  static Finding architecture(ProbeReport report, Architecture declared) {
    String machine = report.attribute("uname", "machine");
    String evidence = "uname -m: " + (machine.isEmpty() ? "(none)" : machine);
    List<String> expected = declared == Architecture.ARM64 ? ARM64_MACHINES : X64_MACHINES;
    return expected.contains(machine)
        ? pass(RuleId.IMG_TYPE_3, "ok", evidence, declared.value(), machine)
        : fail(RuleId.IMG_TYPE_3, "mismatch", evidence, declared.value(), machine.isEmpty() ? "?" : machine,
            declared.machine());
  }

  static Finding serialConsole(ProbeReport report, Architecture declared, String serialConsole) {
    Optional<String> cmdline = report.file("/proc/cmdline").map(Section::lines)
        .filter(lines -> !lines.isEmpty()).map(lines -> lines.get(0).strip());
    String console = "console=" + serialConsole;
    if (cmdline.isEmpty()) {
      return fail(RuleId.IMG_TYPE_4, "unknown", null, declared.value(), console);
    }
    boolean present = List.of(cmdline.get().split("\\s+")).stream()
        .anyMatch(p -> p.equals(console) || p.startsWith(console + ","));
    return present ? pass(RuleId.IMG_TYPE_4, "ok", cmdline.get(), declared.value(), console)
        : fail(RuleId.IMG_TYPE_4, "missing", cmdline.get(), declared.value(), console);
  }

  static Finding firmware(ProbeReport report, Generation declared) {
    String efi = report.attribute("firmware", "efi");
    if (!efi.equals("yes") && !efi.equals("no")) {
      return fail(RuleId.IMG_TYPE_5, "unknown", null, declared.value());
    }
    boolean uefi = efi.equals("yes");
    String evidence = "/sys/firmware/efi " + (uefi ? "present" : "absent");
    if (declared == Generation.GEN2) {
      return uefi ? pass(RuleId.IMG_TYPE_5, "gen2-ok", evidence)
          : fail(RuleId.IMG_TYPE_5, "gen2-not-uefi", evidence);
    }
    return uefi ? fail(RuleId.IMG_TYPE_5, "gen1-uefi", evidence) : pass(RuleId.IMG_TYPE_5, "gen1-ok", evidence);
  }
}
