package cn.marketplace.onboarding.certification.linux;

import static cn.marketplace.onboarding.certification.linux.LinuxFindings.*;

import cn.marketplace.onboarding.certification.linux.ProbeReport.Section;
import cn.marketplace.onboarding.certification.policy.Thresholds;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** LNX-SEC-*, LNX-GEN-* and LNX-ARCH-1: updates, accounts, history, firewall, generalization, 64-bit (guide 2.8, 2.9). */
final class SecurityAndGeneralizationChecks {

  private SecurityAndGeneralizationChecks() {}

  // LNX-SEC-1: the distribution's security updates are installed
  static Finding securityUpdates(ProbeReport report) {
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
  static Finding accounts(ProbeReport report, String loginUser, Thresholds thresholds) {
    String excused = thresholds.flag("include-login-user") ? null : loginUser;
    Optional<Section> shadow = report.section("shadow");
    if (shadow.isEmpty() || !shadow.get().readable()) {
      return fail(RuleId.LNX_SEC_3, "unreadable", null);
    }
    List<String> withPassword = new ArrayList<>();
    for (String line : shadow.get().lines()) {
      String[] fields = line.strip().split("\\s+");
      if (fields.length == 2 && !fields[0].equals(excused)
          && (fields[1].equals("password") || fields[1].equals("empty"))) {
        withPassword.add(fields[0] + " (" + fields[1] + ")");
      }
    }
    if (!withPassword.isEmpty()) {
      return fail(RuleId.LNX_SEC_3, "accounts", evidence(withPassword), withPassword.size());
    }
    return pass(RuleId.LNX_SEC_3, "ok", "checked " + shadow.get().lines().size() + " accounts of /etc/shadow");
  }

  // LNX-SEC-4: shell history cleared (at most the policy's size), the login user's too where the policy says so
  static Finding history(ProbeReport report, String loginUser, Thresholds thresholds) {
    long maxBytes = thresholds.number("max-bytes");
    List<String> lines = report.section("history").map(Section::lines).orElse(List.of());
    boolean excuseOwnHome = !thresholds.flag("include-login-user");
    String ownHome = "/home/" + loginUser + "/";
    List<String> tooLarge = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    for (String line : lines) {
      String[] fields = line.strip().split("\\s+", 2);
      if (fields.length < 2 || excuseOwnHome
          && (fields[1].startsWith(ownHome) || fields[1].equals(ownHome.substring(0, ownHome.length() - 1)))) {
        continue;
      }
      if (fields[0].equals("unreadable")) {
        unreadable.add(fields[1]);
      } else if (parseLong(fields[0]) > maxBytes) {
        tooLarge.add(fields[1] + " (" + fields[0] + " bytes)");
      }
    }
    if (!tooLarge.isEmpty()) {
      return fail(RuleId.LNX_SEC_4, "history", evidence(tooLarge), maxBytes);
    }
    if (!unreadable.isEmpty()) {
      return fail(RuleId.LNX_SEC_4, "unreadable", evidence(unreadable));
    }
    return pass(RuleId.LNX_SEC_4, "ok", null, maxBytes);
  }

  // LNX-SEC-5: iptables installed, no rule enabled
  static Finding iptables(ProbeReport report) {
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
  static List<Finding> generalized(ProbeReport report) {
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
  static Finding provisioningSettings(ProbeReport report) {
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

  // LNX-ARCH-1: 64-bit, one of the policy's architectures (whether it is the SKU's architecture is IMG-TYPE-3)
  static Finding architecture(ProbeReport report, Thresholds thresholds) {
    String machine = report.attribute("uname", "machine");
    List<String> accepted = thresholds.texts("architectures");
    if (accepted.contains(machine)) {
      return pass(RuleId.LNX_ARCH_1, "ok", "uname -m: " + machine, machine);
    }
    return fail(RuleId.LNX_ARCH_1, "not-64-bit", machine.isEmpty() ? null : "uname -m: " + machine, machine.isEmpty() ? "?" : machine,
        String.join(", ", accepted));
  }

  // LNX-SEC-6: no authorized_keys for any account with a login shell, but the stock line that tells root
  // to log in as the provisioned user; the login user's keys are the ones Azure provisioned
  static Finding authorizedKeys(ProbeReport report, String loginUser) {
    List<String> withKeys = new ArrayList<>();
    for (String line : report.section("authorized-keys").map(Section::lines).orElse(List.of())) {
      String[] fields = line.strip().split("\\s+", 4);
      if (fields.length < 4 || fields[0].equals(loginUser)) {
        continue;
      }
      long keys = parseLong(fields[1]) - parseLong(fields[2]);
      if (keys > 0) {
        withKeys.add(fields[3] + " (" + keys + " key(s))");
      }
    }
    if (!withKeys.isEmpty()) {
      return fail(RuleId.LNX_SEC_6, "keys", evidence(withKeys), withKeys.size());
    }
    return pass(RuleId.LNX_SEC_6, "ok", null);
  }

  // LNX-SEC-7: sudo asks for the invoking user's password, not the target's ("Defaults targetpw" off)
  static Finding targetpw(ProbeReport report) {
    List<String> lines = report.section("sudoers").map(Section::lines).orElse(List.of());
    List<String> unreadable = lines.stream().filter(line -> line.startsWith("unreadable: "))
        .map(line -> line.substring("unreadable: ".length())).toList();
    List<String> enabled = lines.stream().filter(line -> !line.startsWith("unreadable: "))
        .filter(line -> TARGETPW.matcher(line.substring(line.indexOf(": ") + 2)).find()).toList();
    if (!enabled.isEmpty()) {
      return fail(RuleId.LNX_SEC_7, "enabled", evidence(enabled));
    }
    if (!unreadable.isEmpty()) {
      return fail(RuleId.LNX_SEC_7, "unreadable", evidence(unreadable));
    }
    return pass(RuleId.LNX_SEC_7, "ok", null);
  }

  /** A Defaults line whose options hold targetpw, not negated: {@code Defaults targetpw}, {@code Defaults env_reset,targetpw}. */
  private static final java.util.regex.Pattern TARGETPW =
      java.util.regex.Pattern.compile("^\\s*Defaults(?:[:@>!][^\\s]*)?\\s+(?:[^#]*[,\\s])?targetpw\\b");
}
