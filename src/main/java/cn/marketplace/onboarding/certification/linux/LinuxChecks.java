package cn.marketplace.onboarding.certification.linux;

import cn.marketplace.onboarding.certification.linux.ProbeReport.Section;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The Linux image rules of the VM image guide (section 2) checked on a {@link ProbeReport}: one
 * check per rule, each giving pass, warning or fail with the evidence it saw. Message keys are
 * {@code <rule>.<case>} in {@code messages/certification}.
 */
@Component
public class LinuxChecks {

  /** The subject of every finding about the certification VM. */
  public static final String SUBJECT = "vm";

  static final String MINIMUM_AGENT_VERSION = "2.2.41";
  static final String MINIMUM_KERNEL = "3.0";
  static final String MINIMUM_PYTHON = "2.6";
  static final String MINIMUM_OPENSSL = "1.0";
  static final long RECOMMENDED_KEEPALIVE = 180;
  static final long MIN_KEEPALIVE = 30;
  static final long MAX_KEEPALIVE = 235;
  static final long MAX_HISTORY_BYTES = 1024;

  private static final Set<String> ENABLED_STATES =
      Set.of("enabled", "enabled-runtime", "static", "alias", "indirect", "generated", "linked", "linked-runtime");
  private static final Set<String> DISABLED_STATES = Set.of("disabled", "masked", "masked-runtime");
  private static final Set<String> GENERALIZED_HOSTNAMES = Set.of("", "localhost", "localhost.localdomain");
  private static final Set<String> BOOT_MOUNTS = Set.of("/boot", "/boot/efi", "[SWAP]", "");
  private static final Pattern LSBLK_PAIR = Pattern.compile("([A-Z:]+)=\"([^\"]*)\"");
  private static final Pattern PYTHON_VERSION = Pattern.compile("Python\\s+(\\d+\\.\\d+(?:\\.\\d+)?)");
  private static final Pattern OPENSSL_VERSION = Pattern.compile("^(OpenSSL|LibreSSL)\\s+(\\d+(?:\\.\\d+)*)");
  private static final Pattern AGENT_VERSION = Pattern.compile("WALinuxAgent\\W*v?(\\d+(?:\\.\\d+)+)");
  private static final Pattern GOAL_STATE_VERSION = Pattern.compile("Goal state agent:\\s*(\\d+(?:\\.\\d+)+)");
  private static final int EVIDENCE_ITEMS = 5;

  /**
   * Every Linux check, in the order of the guide.
   *
   * @param loginUser the account the certification logged in with: Azure created it when it
   *     provisioned the VM, so its password and history are not the image's
   */
  public List<Finding> check(ProbeReport report, String loginUser) {
    Distribution distribution = Distribution.of(report);
    List<Finding> findings = new ArrayList<>();
    findings.add(agentInstalled(report, distribution));
    findings.add(agentVersion(report));
    findings.add(kernel(report));
    findings.add(storvsc(report));
    findings.add(python(report));
    findings.add(pyasn1(report));
    findings.add(openssl(report));
    findings.addAll(disks(report));
    findings.add(bootParameters(report));
    findings.add(sshKeepAlive(report));
    findings.add(networkManager(report, distribution));
    findings.add(ifupdown(report));
    findings.addAll(customNetwork(report));
    findings.add(dhcpAtBoot(report));
    findings.add(ipv6(report));
    findings.add(securityUpdates(report));
    findings.add(accounts(report, loginUser));
    findings.add(history(report, loginUser));
    findings.add(iptables(report));
    findings.addAll(generalized(report));
    findings.add(provisioningSettings(report));
    findings.add(architecture(report));
    return findings;
  }

  // LNX-AGENT-1: the agent comes from the distribution's package and has its configuration
  Finding agentInstalled(ProbeReport report, Distribution distribution) {
    String path = report.attribute("waagent", "path");
    if (path.isEmpty()) {
      return fail(RuleId.LNX_AGENT_1, "missing", null);
    }
    if (report.file("/etc/waagent.conf").isEmpty()) {
      return fail(RuleId.LNX_AGENT_1, "no-config", "waagent: " + path);
    }
    Optional<Section> owner = report.section("waagent-owner");
    if (owner.isEmpty() || owner.get().attribute("missing").isPresent()) {
      return fail(RuleId.LNX_AGENT_1, "owner-unknown", "waagent: " + path);
    }
    String ownerLine = owner.get().lines().isEmpty() ? "" : owner.get().lines().get(0).strip();
    String packageName = packageName(ownerLine);
    if (!"0".equals(owner.get().attributeOrEmpty("exit")) || packageName.isEmpty()) {
      return fail(RuleId.LNX_AGENT_1, "not-packaged", path + ": " + ownerLine, path);
    }
    if (!distribution.family().isAgentPackage(packageName)) {
      return fail(RuleId.LNX_AGENT_1, "other-package", ownerLine, path, packageName);
    }
    return pass(RuleId.LNX_AGENT_1, "ok", ownerLine, packageName);
  }

  /** The package name in {@code dpkg-query -S} ("walinuxagent: /usr/sbin/waagent") or {@code rpm -qf} output. */
  private static String packageName(String ownerLine) {
    if (ownerLine.contains("no path found") || ownerLine.contains("not owned") || ownerLine.isBlank()) {
      return "";
    }
    int colon = ownerLine.indexOf(':');
    if (colon > 0) {
      return ownerLine.substring(0, colon).strip();
    }
    // rpm: name-version-release.arch, the name ends before the first "-<digit>"
    Matcher rpm = Pattern.compile("^(.+?)-\\d").matcher(ownerLine);
    return rpm.find() ? rpm.group(1) : "";
  }

  // LNX-AGENT-2: 2.2.41 or later, with its auto-update setting reported
  Finding agentVersion(ProbeReport report) {
    List<String> output = report.section("waagent-version").map(Section::lines).orElse(List.of());
    String text = String.join("\n", output);
    String installed = group(AGENT_VERSION, text);
    String goalState = group(GOAL_STATE_VERSION, text);
    String autoUpdate = autoUpdate(report);
    String evidence = output.isEmpty() ? null : String.join("; ", output.stream().limit(3).toList());
    if (installed == null) {
      return fail(RuleId.LNX_AGENT_2, "unknown", evidence, MINIMUM_AGENT_VERSION, autoUpdate);
    }
    if (!Versions.atLeast(installed, MINIMUM_AGENT_VERSION)) {
      return fail(RuleId.LNX_AGENT_2, "too-old", evidence, installed, MINIMUM_AGENT_VERSION, autoUpdate);
    }
    return pass(RuleId.LNX_AGENT_2, "ok", evidence, installed, goalState == null ? installed : goalState, autoUpdate);
  }

  private static String autoUpdate(ProbeReport report) {
    Map<String, String> conf = keyValues(report.file("/etc/waagent.conf"));
    String enabled = conf.get("AutoUpdate.Enabled");
    if (enabled == null) {
      enabled = conf.get("AutoUpdate.UpdateToLatestVersion");
    }
    if (enabled == null) {
      return "default";
    }
    return enabled.equalsIgnoreCase("y") ? "on" : "off";
  }

  // LNX-LIB-1: Linux Integration Services need kernel 3.0 or later
  Finding kernel(ProbeReport report) {
    String release = report.attribute("uname", "kernel");
    String version = Versions.firstIn(release);
    if (version == null) {
      return fail(RuleId.LNX_LIB_1, "unknown", null);
    }
    String majorMinor = version.contains(".") ? version : version + ".0";
    if (!Versions.atLeast(majorMinor, MINIMUM_KERNEL)) {
      return fail(RuleId.LNX_LIB_1, "too-old", "uname -r: " + release, release, MINIMUM_KERNEL);
    }
    return pass(RuleId.LNX_LIB_1, "ok", "uname -r: " + release, release);
  }

  // LNX-LIB-2: the storvsc driver (with the Azure I/O patch) is in the kernel
  Finding storvsc(ProbeReport report) {
    Optional<Section> section = report.section("storvsc");
    List<String> seen = new ArrayList<>();
    section.ifPresent(s -> {
      if ("yes".equals(s.attributeOrEmpty("loaded"))) {
        seen.add("/sys/module/hv_storvsc");
      }
      if ("yes".equals(s.attributeOrEmpty("modules.builtin"))) {
        seen.add("modules.builtin");
      }
      if ("yes".equals(s.attributeOrEmpty("modules.dep"))) {
        seen.add("modules.dep");
      }
    });
    if (seen.isEmpty()) {
      return warning(RuleId.LNX_LIB_2, "missing", null);
    }
    return pass(RuleId.LNX_LIB_2, "ok", "hv_storvsc: " + String.join(", ", seen));
  }

  // LNX-LIB-3: Python 2.6 or later
  Finding python(ProbeReport report) {
    List<String> versions = pythonVersions(report);
    Optional<String> best = versions.stream().max(Versions::compare);
    String evidence = versions.isEmpty() ? null : "python: " + String.join(", ", versions);
    if (best.isEmpty()) {
      return fail(RuleId.LNX_LIB_3, "missing", null, MINIMUM_PYTHON);
    }
    if (!Versions.atLeast(best.get(), MINIMUM_PYTHON)) {
      return fail(RuleId.LNX_LIB_3, "too-old", evidence, best.get(), MINIMUM_PYTHON);
    }
    return pass(RuleId.LNX_LIB_3, "ok", evidence, best.get());
  }

  private static List<String> pythonVersions(ProbeReport report) {
    return report.sectionsStartingWith("python ").stream()
        .map(s -> group(PYTHON_VERSION, s.attributeOrEmpty("version")))
        .filter(v -> v != null)
        .distinct()
        .toList();
  }

  // LNX-LIB-4: the pyasn1 package for the agent's Python
  Finding pyasn1(ProbeReport report) {
    List<String> with = report.sectionsStartingWith("python ").stream()
        .filter(s -> "yes".equals(s.attributeOrEmpty("pyasn1")))
        .map(s -> s.name().substring("python ".length()))
        .toList();
    if (with.isEmpty()) {
      return fail(RuleId.LNX_LIB_4, "missing", null);
    }
    return pass(RuleId.LNX_LIB_4, "ok", "import pyasn1: " + String.join(", ", with));
  }

  // LNX-LIB-5: OpenSSL 1.0 or later
  Finding openssl(ProbeReport report) {
    Optional<Section> section = report.section("openssl");
    String line = section.map(s -> s.lines().isEmpty() ? "" : s.lines().get(0).strip()).orElse("");
    Matcher matcher = OPENSSL_VERSION.matcher(line);
    if (!matcher.find()) {
      return fail(RuleId.LNX_LIB_5, "missing", line.isEmpty() ? null : line, MINIMUM_OPENSSL);
    }
    String version = matcher.group(2);
    boolean libreSsl = matcher.group(1).equals("LibreSSL"); // forked from OpenSSL 1.0.1
    if (!libreSsl && !Versions.atLeast(version, MINIMUM_OPENSSL)) {
      return fail(RuleId.LNX_LIB_5, "too-old", line, version, MINIMUM_OPENSSL);
    }
    return pass(RuleId.LNX_LIB_5, "ok", line, version);
  }

  // LNX-DISK-1: no swap partition anywhere, one root partition on the OS disk, no LVM
  List<Finding> disks(ProbeReport report) {
    List<Map<String, String>> devices = report.section("lsblk").map(Section::lines).orElse(List.of()).stream()
        .map(LinuxChecks::lsblkPairs).filter(m -> m.containsKey("NAME")).toList();
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

  // LNX-BOOT-1: console=ttyS0 earlyprintk=ttyS0 rootdelay=300 on the kernel command line
  Finding bootParameters(ProbeReport report) {
    Optional<Section> cmdline = report.file("/proc/cmdline");
    if (cmdline.isEmpty() || cmdline.get().lines().isEmpty()) {
      return fail(RuleId.LNX_BOOT_1, "unknown", null);
    }
    String line = cmdline.get().lines().get(0).strip();
    List<String> parameters = List.of(line.split("\\s+"));
    if (parameters.stream().noneMatch(p -> p.equals("console=ttyS0") || p.startsWith("console=ttyS0,"))) {
      return fail(RuleId.LNX_BOOT_1, "no-console", line);
    }
    List<String> missing = new ArrayList<>();
    if (parameters.stream().noneMatch(p -> p.equals("earlyprintk=ttyS0") || p.startsWith("earlyprintk=ttyS0,"))) {
      missing.add("earlyprintk=ttyS0");
    }
    if (!parameters.contains("rootdelay=300")) {
      missing.add("rootdelay=300");
    }
    if (!missing.isEmpty()) {
      return warning(RuleId.LNX_BOOT_1, "missing", line, String.join(" ", missing));
    }
    return pass(RuleId.LNX_BOOT_1, "ok", line);
  }

  // LNX-SSH-1: ClientAliveInterval 180 (30-235 accepted) where SSH is on
  Finding sshKeepAlive(ProbeReport report) {
    List<String> sshStates = Stream.of("ssh", "sshd")
        .map(unit -> report.attribute("services", unit + ".enabled"))
        .filter(state -> !state.isEmpty())
        .toList();
    if (!sshStates.isEmpty() && sshStates.stream().allMatch(DISABLED_STATES::contains)) {
      return pass(RuleId.LNX_SSH_1, "disabled", "ssh.service: " + String.join(", ", sshStates));
    }
    SshdConfig config = new SshdConfig(report);
    if (!config.present()) {
      return fail(RuleId.LNX_SSH_1, "no-config", null);
    }
    Optional<SshdConfig.Setting> setting = config.first("ClientAliveInterval");
    if (setting.isEmpty()) {
      return fail(RuleId.LNX_SSH_1, "not-set", null, RECOMMENDED_KEEPALIVE);
    }
    String evidence = setting.get().file() + ": " + setting.get().line();
    Optional<Long> seconds = SshdConfig.seconds(setting.get().value());
    if (seconds.isEmpty() || seconds.get() < MIN_KEEPALIVE || seconds.get() > MAX_KEEPALIVE) {
      return fail(RuleId.LNX_SSH_1, "out-of-range", evidence, setting.get().value(), MIN_KEEPALIVE, MAX_KEEPALIVE, RECOMMENDED_KEEPALIVE);
    }
    if (seconds.get() != RECOMMENDED_KEEPALIVE) {
      return warning(RuleId.LNX_SSH_1, "accepted", evidence, seconds.get(), RECOMMENDED_KEEPALIVE);
    }
    return pass(RuleId.LNX_SSH_1, "ok", evidence);
  }

  // LNX-NET-1: NetworkManager off, except on CentOS 7.x and derivatives, where it stays on
  Finding networkManager(ProbeReport report, Distribution distribution) {
    String enabled = report.attribute("services", "NetworkManager.enabled");
    String active = report.attribute("services", "NetworkManager.active");
    boolean on = ENABLED_STATES.contains(enabled) || "active".equals(active);
    String evidence = "NetworkManager: " + (enabled.isEmpty() ? "not installed" : enabled)
        + (active.isEmpty() ? "" : ", " + active) + "; " + distribution.prettyName();
    if (distribution.isCentOs7Family()) {
      return on ? pass(RuleId.LNX_NET_1, "centos7-on", evidence) : warning(RuleId.LNX_NET_1, "centos7-off", evidence);
    }
    return on ? fail(RuleId.LNX_NET_1, "on", evidence) : pass(RuleId.LNX_NET_1, "off", evidence);
  }

  // LNX-NET-2: ifup and ifdown are there for the agent to restart the network
  Finding ifupdown(ProbeReport report) {
    String ifup = report.attribute("ifupdown", "ifup");
    String ifdown = report.attribute("ifupdown", "ifdown");
    if (ifup.isEmpty() || ifdown.isEmpty()) {
      String missing = Stream.of(ifup.isEmpty() ? "ifup" : null, ifdown.isEmpty() ? "ifdown" : null)
          .filter(s -> s != null).collect(Collectors.joining(", "));
      return warning(RuleId.LNX_NET_2, "missing", null, missing);
    }
    return pass(RuleId.LNX_NET_2, "ok", "ifup: " + ifup + ", ifdown: " + ifdown);
  }

  // LNX-NET-3: no custom network configuration, /etc/resolv.conf deleted
  List<Finding> customNetwork(ProbeReport report) {
    List<Finding> findings = new ArrayList<>();
    List<String> custom = NetworkConfig.customSettings(report);
    if (!custom.isEmpty()) {
      findings.add(fail(RuleId.LNX_NET_3, "custom", evidence(custom)));
    }
    Optional<Section> resolvConf = report.file("/etc/resolv.conf");
    if (resolvConf.isPresent()) {
      Section section = resolvConf.get();
      String target = section.attributeOrEmpty("target");
      if (!section.isLink()) {
        findings.add(fail(RuleId.LNX_NET_3, "resolv-conf", "/etc/resolv.conf"));
      } else if (!target.startsWith("/run/") && !target.contains("../run/")) {
        findings.add(fail(RuleId.LNX_NET_3, "resolv-conf", "/etc/resolv.conf -> " + target));
      }
    }
    if (findings.isEmpty()) {
      findings.add(pass(RuleId.LNX_NET_3, "ok", resolvConf
          .map(s -> "/etc/resolv.conf -> " + s.attributeOrEmpty("target") + " (generated at boot)")
          .orElse("no /etc/resolv.conf")));
    }
    return findings;
  }

  // LNX-NET-4: the network device comes up at boot with DHCP
  Finding dhcpAtBoot(ProbeReport report) {
    Optional<String> dhcp = NetworkConfig.dhcpAtBoot(report);
    if (dhcp.isPresent()) {
      return pass(RuleId.LNX_NET_4, "ok", dhcp.get());
    }
    if ("yes".equals(report.attribute("network-extras", "cloud-init"))) {
      return pass(RuleId.LNX_NET_4, "cloud-init", "/etc/cloud/cloud.cfg");
    }
    return fail(RuleId.LNX_NET_4, "no-dhcp", null);
  }

  // LNX-NET-5: IPv6 does not work on Azure when enabled
  Finding ipv6(ProbeReport report) {
    String disabled = report.attribute("ipv6", "all.disable_ipv6");
    boolean offOnCmdline = report.file("/proc/cmdline").map(Section::lines).orElse(List.of()).stream()
        .anyMatch(line -> List.of(line.split("\\s+")).contains("ipv6.disable=1"));
    if ("1".equals(disabled) || "absent".equals(disabled) || offOnCmdline) {
      return pass(RuleId.LNX_NET_5, "disabled",
          offOnCmdline ? "ipv6.disable=1" : "net.ipv6.conf.all.disable_ipv6=" + disabled);
    }
    return warning(RuleId.LNX_NET_5, "enabled",
        "net.ipv6.conf.all.disable_ipv6=" + disabled + ", " + report.attribute("ipv6", "addresses") + " address(es)");
  }

  // LNX-SEC-1: the distribution's security updates are installed
  Finding securityUpdates(ProbeReport report) {
    Optional<Section> updates = report.section("updates");
    String tool = updates.map(s -> s.attributeOrEmpty("tool")).orElse("");
    if (updates.isEmpty() || tool.isEmpty() || tool.equals("none")) {
      return warning(RuleId.LNX_SEC_1, "unknown", null);
    }
    List<String> pending = updates.get().lines().stream()
        .filter(line -> isPendingSecurityUpdate(tool, line))
        .toList();
    if (!"0".equals(updates.get().attributeOrEmpty("exit")) && pending.isEmpty()) {
      return warning(RuleId.LNX_SEC_1, "unknown", tool + " exit " + updates.get().attributeOrEmpty("exit"));
    }
    if (!pending.isEmpty()) {
      return warning(RuleId.LNX_SEC_1, "pending", evidence(pending), pending.size(), tool);
    }
    return pass(RuleId.LNX_SEC_1, "ok", tool + ": no pending security update", tool);
  }

  private static boolean isPendingSecurityUpdate(String tool, String line) {
    String lower = line.toLowerCase(Locale.ROOT);
    return switch (tool) {
      case "apt" -> line.startsWith("Inst ") && lower.contains("security");
      case "zypper" -> lower.contains("| security");
      default -> lower.contains("/sec.") || lower.contains(" security ");
    };
  }

  // LNX-SEC-3: no account that keeps the same password across provisioned instances
  Finding accounts(ProbeReport report, String loginUser) {
    Optional<Section> shadow = report.section("shadow");
    if (shadow.isEmpty() || !shadow.get().readable()) {
      return fail(RuleId.LNX_SEC_3, "unreadable", null);
    }
    List<String> withPassword = new ArrayList<>();
    for (String line : shadow.get().lines()) {
      String[] fields = line.strip().split("\\s+");
      if (fields.length == 2 && !fields[0].equals(loginUser)
          && (fields[1].equals("password") || fields[1].equals("empty"))) {
        withPassword.add(fields[0] + " (" + fields[1] + ")");
      }
    }
    if (!withPassword.isEmpty()) {
      return fail(RuleId.LNX_SEC_3, "accounts", evidence(withPassword), withPassword.size());
    }
    return pass(RuleId.LNX_SEC_3, "ok", "checked " + shadow.get().lines().size() + " accounts of /etc/shadow");
  }

  // LNX-SEC-4: shell history cleared (under 1 KB)
  Finding history(ProbeReport report, String loginUser) {
    List<String> lines = report.section("history").map(Section::lines).orElse(List.of());
    String ownHome = "/home/" + loginUser + "/";
    List<String> tooLarge = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    for (String line : lines) {
      String[] fields = line.strip().split("\\s+", 2);
      if (fields.length < 2 || fields[1].startsWith(ownHome) || fields[1].equals(ownHome.substring(0, ownHome.length() - 1))) {
        continue;
      }
      if (fields[0].equals("unreadable")) {
        unreadable.add(fields[1]);
      } else if (parseLong(fields[0]) > MAX_HISTORY_BYTES) {
        tooLarge.add(fields[1] + " (" + fields[0] + " bytes)");
      }
    }
    if (!tooLarge.isEmpty()) {
      return fail(RuleId.LNX_SEC_4, "history", evidence(tooLarge), MAX_HISTORY_BYTES);
    }
    if (!unreadable.isEmpty()) {
      return fail(RuleId.LNX_SEC_4, "unreadable", evidence(unreadable));
    }
    return pass(RuleId.LNX_SEC_4, "ok", null, MAX_HISTORY_BYTES);
  }

  // LNX-SEC-5: iptables installed, no rule enabled
  Finding iptables(ProbeReport report) {
    Optional<Section> section = report.section("iptables");
    if (section.isEmpty() || section.get().attributeOrEmpty("path").isEmpty()) {
      return warning(RuleId.LNX_SEC_5, "missing", null);
    }
    if (!"0".equals(section.get().attributeOrEmpty("exit"))) {
      return warning(RuleId.LNX_SEC_5, "unreadable", "iptables -S: exit " + section.get().attributeOrEmpty("exit"));
    }
    List<String> active = section.get().lines().stream()
        .map(String::strip)
        .filter(rule -> rule.startsWith("-A ") || (rule.startsWith("-P ") && !rule.endsWith(" ACCEPT")))
        .toList();
    if (!active.isEmpty()) {
      return warning(RuleId.LNX_SEC_5, "rules", evidence(active), active.size());
    }
    return pass(RuleId.LNX_SEC_5, "ok", "iptables: " + section.get().attributeOrEmpty("path"));
  }

  // LNX-GEN-1: deprovisioned: no nameserver, no DHCP lease, hostname reset
  List<Finding> generalized(ProbeReport report) {
    List<Finding> findings = new ArrayList<>();
    List<String> nameservers = report.file("/etc/resolv.conf").map(Section::lines).orElse(List.of()).stream()
        .map(String::strip).filter(line -> line.startsWith("nameserver")).toList();
    if (!nameservers.isEmpty()) {
      findings.add(fail(RuleId.LNX_GEN_1, "nameserver", evidence(nameservers)));
    }
    List<String> leases = report.section("dhcp-leases").map(Section::lines).orElse(List.of()).stream()
        .map(line -> line.strip().split("\\s+", 2))
        .filter(fields -> fields.length == 2 && parseLong(fields[0]) > 0)
        .map(fields -> fields[1])
        .toList();
    if (!leases.isEmpty()) {
      findings.add(fail(RuleId.LNX_GEN_1, "leases", evidence(leases)));
    }
    hostnameInImage(report).filter(name -> !GENERALIZED_HOSTNAMES.contains(name))
        .ifPresent(name -> findings.add(fail(RuleId.LNX_GEN_1, "hostname", name, name)));
    if (findings.isEmpty()) {
      findings.add(pass(RuleId.LNX_GEN_1, "ok", hostnameInImage(report).map(h -> "hostname: " + h).orElse(null)));
    }
    return findings;
  }

  /** The host name the image keeps: /etc/hostname, SUSE's /etc/HOSTNAME, or RHEL 6's /etc/sysconfig/network. */
  private static Optional<String> hostnameInImage(ProbeReport report) {
    for (String path : List.of("/etc/hostname", "/etc/HOSTNAME")) {
      Optional<Section> file = report.file(path);
      if (file.isPresent()) {
        return Optional.of(file.get().lines().stream().map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("#")).findFirst().orElse(""));
      }
    }
    return Optional.ofNullable(keyValues(report.file("/etc/sysconfig/network")).get("HOSTNAME"));
  }

  // LNX-GEN-2: the agent regenerates SSH host keys and deletes the root password
  Finding provisioningSettings(ProbeReport report) {
    Optional<Section> conf = report.file("/etc/waagent.conf");
    if (conf.isEmpty()) {
      return fail(RuleId.LNX_GEN_2, "no-config", null);
    }
    Map<String, String> settings = keyValues(conf);
    List<String> wrong = Stream.of("Provisioning.RegenerateSshHostKeyPair", "Provisioning.DeleteRootPassword")
        .filter(key -> !"y".equalsIgnoreCase(settings.getOrDefault(key, "")))
        .map(key -> key + "=" + settings.getOrDefault(key, "(not set)"))
        .toList();
    if (!wrong.isEmpty()) {
      return fail(RuleId.LNX_GEN_2, "settings", String.join(", ", wrong), String.join(", ", wrong));
    }
    return pass(RuleId.LNX_GEN_2, "ok",
        "Provisioning.RegenerateSshHostKeyPair=y, Provisioning.DeleteRootPassword=y");
  }

  // LNX-ARCH-1: 64-bit
  Finding architecture(ProbeReport report) {
    String machine = report.attribute("uname", "machine");
    if (machine.equals("x86_64") || machine.equals("amd64")) {
      return pass(RuleId.LNX_ARCH_1, "ok", "uname -m: " + machine, machine);
    }
    return fail(RuleId.LNX_ARCH_1, "not-64-bit", machine.isEmpty() ? null : "uname -m: " + machine, machine.isEmpty() ? "?" : machine);
  }

  /** {@code key=value} lines of a configuration file, comments and blanks skipped; the first value wins. */
  static Map<String, String> keyValues(Optional<Section> file) {
    Map<String, String> values = new LinkedHashMap<>();
    file.map(Section::lines).orElse(List.of()).forEach(rawLine -> {
      String line = rawLine.strip();
      int equals = line.indexOf('=');
      if (!line.startsWith("#") && equals > 0) {
        String value = line.substring(equals + 1).strip();
        int comment = value.indexOf(" #");
        value = comment >= 0 ? value.substring(0, comment).strip() : value;
        values.putIfAbsent(line.substring(0, equals).strip(), NetworkConfig.unquote(value));
      }
    });
    return values;
  }

  private static String evidence(List<String> items) {
    String shown = String.join("; ", items.stream().limit(EVIDENCE_ITEMS).toList());
    return items.size() > EVIDENCE_ITEMS ? shown + "; ... (" + items.size() + " in all)" : shown;
  }

  private static String group(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    return matcher.find() ? matcher.group(1) : null;
  }

  private static long parseLong(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0;
    }
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
