package cn.marketplace.onboarding.certification.linux;

import static cn.marketplace.onboarding.certification.linux.LinuxFindings.*;

import cn.marketplace.onboarding.certification.linux.ProbeReport.Section;
import cn.marketplace.onboarding.certification.policy.Thresholds;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Collectors;

/** LNX-DISK-1 and LNX-BOOT-1: partitions, swap and the kernel command line (guide 2.4, 2.5). */
final class DiskAndBootChecks {

  private DiskAndBootChecks() {}

  // LNX-DISK-1: no swap partition anywhere, one root partition on the OS disk, no LVM
  static List<Finding> disks(ProbeReport report) {
    List<Map<String, String>> devices = report.section("lsblk").map(Section::lines).orElse(List.of()).stream()
        .map(DiskAndBootChecks::lsblkPairs).filter(m -> m.containsKey("NAME")).toList();
    List<Finding> findings = new ArrayList<>();

    Set<String> swaps = new java.util.LinkedHashSet<>();
    devices.stream().filter(d -> "swap".equals(d.get("FSTYPE"))).forEach(d -> swaps.add("/dev/" + d.get("NAME")));
    report.section("blkid").map(Section::lines).orElse(List.of()).stream()
        .filter(line -> line.contains("TYPE=\"swap\""))
        .forEach(line -> swaps.add(line.substring(0, Math.max(0, line.indexOf(':')))));
    report.file("/proc/swaps").map(Section::lines).orElse(List.of()).stream()
        .map(line -> line.strip().split("\\s+"))
        .filter(fields -> fields.length >= 2 && fields[1].equals("partition"))
        .forEach(fields -> swaps.add(fields[0]));
    fstabEntries(report).stream()
        .filter(fields -> fields.length >= 3 && fields[2].equals("swap") && !isSwapFile(fields[0]))
        .forEach(fields -> swaps.add(fields[0]));
    if (!swaps.isEmpty()) {
      findings.add(fail(RuleId.LNX_DISK_1, "swap", String.join(", ", swaps), String.join(", ", swaps)));
    }

    Optional<Map<String, String>> root = devices.stream().filter(d -> "/".equals(d.get("MOUNTPOINT"))).findFirst();
    if (root.isPresent()) {
      String osDisk = diskOf(root.get(), devices);
      List<String> dataPartitions = devices.stream()
          .filter(d -> osDisk.equals(diskOf(d, devices)) && !d.get("NAME").equals(osDisk))
          .filter(d -> !BOOT_MOUNTS.contains(d.getOrDefault("MOUNTPOINT", "")))
          .map(d -> "/dev/" + d.get("NAME") + " on " + d.get("MOUNTPOINT"))
          .toList();
      if (dataPartitions.size() > 1) {
        findings.add(fail(RuleId.LNX_DISK_1, "partitions", String.join(", ", dataPartitions), osDisk, String.join(", ", dataPartitions)));
      }
    } else if (devices.isEmpty()) {
      findings.add(warning(RuleId.LNX_DISK_1, "unknown", null));
    }

    List<String> lvm = devices.stream()
        .filter(d -> "lvm".equals(d.get("TYPE")) || "LVM2_member".equals(d.get("FSTYPE")))
        .map(d -> "/dev/" + d.get("NAME"))
        .collect(Collectors.toCollection(ArrayList::new));
    report.section("lvm").map(Section::lines).orElse(List.of()).stream()
        .map(String::strip).filter(line -> !line.isEmpty()).forEach(lvm::add);
    if (!lvm.isEmpty()) {
      findings.add(warning(RuleId.LNX_DISK_1, "lvm", String.join(", ", lvm)));
    }
    if (findings.isEmpty()) {
      findings.add(pass(RuleId.LNX_DISK_1, "ok",
          root.map(r -> "/ on /dev/" + r.get("NAME") + ", no swap partition").orElse("no swap partition")));
    }
    return findings;
  }

  // LNX-DISK-2: no swap file on the OS disk either (active in /proc/swaps or set up in /etc/fstab)
  static Finding swapFiles(ProbeReport report) {
    Set<String> files = new java.util.LinkedHashSet<>();
    report.file("/proc/swaps").map(Section::lines).orElse(List.of()).stream()
        .map(line -> line.strip().split("\\s+"))
        .filter(fields -> fields.length >= 2 && fields[1].equals("file"))
        .forEach(fields -> files.add(fields[0]));
    fstabEntries(report).stream()
        .filter(fields -> fields.length >= 3 && fields[2].equals("swap") && isSwapFile(fields[0]))
        .forEach(fields -> files.add(fields[0]));
    if (!files.isEmpty()) {
      return fail(RuleId.LNX_DISK_2, "swap-file", String.join(", ", files), String.join(", ", files));
    }
    return pass(RuleId.LNX_DISK_2, "ok", "no swap file in /proc/swaps or /etc/fstab");
  }

  // LNX-BOOT-2: none of the policy's forbidden parameters on the kernel command line or in the boot loader,
  // and numa=off where the policy asks for it (Red Hat and CentOS before 6.6)
  static Finding bootParameters(ProbeReport report, Distribution distribution, Thresholds thresholds) {
    List<String> forbidden = thresholds.texts("forbidden");
    List<String> cmdline = report.file("/proc/cmdline").map(Section::lines).orElse(List.of()).stream()
        .flatMap(line -> List.of(line.strip().split("\\s+")).stream()).toList();
    List<String> grub = report.section("grub").map(Section::lines).orElse(List.of());
    List<String> found = new ArrayList<>();
    cmdline.stream().filter(forbidden::contains).forEach(parameter -> found.add("/proc/cmdline: " + parameter));
    grub.stream().filter(line -> forbidden.stream().anyMatch(line::contains)).forEach(found::add);
    if (!found.isEmpty()) {
      return fail(RuleId.LNX_BOOT_2, "forbidden", evidence(found), String.join(" ", forbidden));
    }
    Optional<String> numaBelow = thresholds.optionalText("numa-off-below-version");
    if (numaBelow.isPresent() && thresholds.texts("numa-off-distributions").contains(distribution.id())) {
      String version = distribution.releaseVersion(report);
      boolean numaOff = cmdline.contains("numa=off") || grub.stream().anyMatch(line -> line.contains("numa=off"));
      if (!version.isEmpty() && Versions.compare(version, numaBelow.get()) < 0 && !numaOff) {
        return fail(RuleId.LNX_BOOT_2, "numa", distribution.prettyName() + " " + version, version, numaBelow.get());
      }
    }
    return pass(RuleId.LNX_BOOT_2, "ok", null, String.join(" ", forbidden));
  }

  private static Map<String, String> lsblkPairs(String line) {
    Map<String, String> pairs = new LinkedHashMap<>();
    Matcher matcher = LSBLK_PAIR.matcher(line);
    while (matcher.find()) {
      pairs.put(matcher.group(1), matcher.group(2));
    }
    return pairs;
  }

  /** The whole disk a device lives on, following parents (partition, LVM volume) up to a disk. */
  private static String diskOf(Map<String, String> device, List<Map<String, String>> devices) {
    Map<String, String> current = device;
    for (int hops = 0; hops < 8; hops++) {
      String parent = current.getOrDefault("PKNAME", "");
      if (parent.isEmpty()) {
        return current.get("NAME");
      }
      Optional<Map<String, String>> next = devices.stream().filter(d -> parent.equals(d.get("NAME"))).findFirst();
      if (next.isEmpty()) {
        return parent;
      }
      current = next.get();
    }
    return current.get("NAME");
  }

  private static List<String[]> fstabEntries(ProbeReport report) {
    return report.file("/etc/fstab").map(Section::lines).orElse(List.of()).stream()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .map(line -> line.split("\\s+"))
        .toList();
  }

  private static boolean isSwapFile(String spec) {
    return spec.startsWith("/") && !spec.startsWith("/dev/");
  }

  // LNX-BOOT-1: the serial console of the VM's architecture on the kernel command line, and the
  // parameters the policy recommends
  static Finding bootParameters(ProbeReport report, Thresholds thresholds) {
    String machine = report.attribute("uname", "machine");
    String console = thresholds.textMap("console").getOrDefault(machine, "ttyS0");
    Optional<Section> cmdline = report.file("/proc/cmdline");
    if (cmdline.isEmpty() || cmdline.get().lines().isEmpty()) {
      return fail(RuleId.LNX_BOOT_1, "unknown", null);
    }
    String line = cmdline.get().lines().get(0).strip();
    List<String> parameters = List.of(line.split("\\s+"));
    if (!hasParameter(parameters, "console=" + console)) {
      return fail(RuleId.LNX_BOOT_1, "no-console", line, console);
    }
    List<String> missing = thresholds.texts("recommended").stream()
        .filter(wanted -> !hasParameter(parameters, wanted)).toList();
    if (!missing.isEmpty()) {
      return warning(RuleId.LNX_BOOT_1, "missing", line, String.join(" ", missing));
    }
    return pass(RuleId.LNX_BOOT_1, "ok", line, console);
  }

  /** {@code console=ttyS0} is there as such or with options ({@code console=ttyS0,115200n8}). */
  private static boolean hasParameter(List<String> parameters, String wanted) {
    return parameters.stream().anyMatch(p -> p.equals(wanted) || p.startsWith(wanted + ","));
  }
}
