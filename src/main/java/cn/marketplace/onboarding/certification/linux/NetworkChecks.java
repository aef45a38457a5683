package cn.marketplace.onboarding.certification.linux;

import static cn.marketplace.onboarding.certification.linux.LinuxFindings.*;

import cn.marketplace.onboarding.certification.linux.ProbeReport.Section;
import cn.marketplace.onboarding.certification.policy.Thresholds;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** LNX-SSH-1 and LNX-NET-*: the SSH keep-alive and the network set-up Azure expects (guide 2.6, 2.7). */
final class NetworkChecks {

  static final String SUSE_DHCP = "/etc/sysconfig/network/dhcp";
  private static final Pattern SET_HOSTNAME = Pattern.compile("^\\s*DHCLIENT_SET_HOSTNAME\\s*=(.*)$");

  private NetworkChecks() {}

  // LNX-SSH-1: ClientAliveInterval within the policy's range (and its recommendation, if any) where SSH is on
  static Finding sshKeepAlive(ProbeReport report, Thresholds thresholds) {
    long min = thresholds.number("min-seconds");
    long max = thresholds.number("max-seconds");
    Optional<Long> recommended = thresholds.optionalNumber("recommended-seconds");
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
      return fail(RuleId.LNX_SSH_1, "not-set", null, recommended.orElse(max));
    }
    String evidence = setting.get().file() + ": " + setting.get().line();
    Optional<Long> seconds = SshdConfig.seconds(setting.get().value());
    if (seconds.isEmpty() || seconds.get() < min || seconds.get() > max) {
      return fail(RuleId.LNX_SSH_1, "out-of-range", evidence, setting.get().value(), min, max);
    }
    if (recommended.isPresent() && !seconds.get().equals(recommended.get())) {
      return warning(RuleId.LNX_SSH_1, "accepted", evidence, seconds.get(), recommended.get());
    }
    return pass(RuleId.LNX_SSH_1, "ok", evidence, seconds.get());
  }

  // LNX-NET-1: NetworkManager off, except on CentOS 7.x and derivatives, where it stays on
  static Finding networkManager(ProbeReport report, Distribution distribution) {
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
  static Finding ifupdown(ProbeReport report) {
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
  static List<Finding> customNetwork(ProbeReport report) {
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
  static Finding dhcpAtBoot(ProbeReport report) {
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
  static Finding ipv6(ProbeReport report) {
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

  // LNX-NET-6: no persistent network rule that would pin the build machine's MAC address
  static Finding persistentNetRules(ProbeReport report) {
    List<String> rules = report.section("persistent-net").map(Section::lines).orElse(List.of()).stream()
        .map(String::strip).filter(line -> !line.isEmpty()).toList();
    if (!rules.isEmpty()) {
      return fail(RuleId.LNX_NET_6, "present", evidence(rules), String.join(", ", rules));
    }
    return pass(RuleId.LNX_NET_6, "ok", null);
  }

  // LNX-NET-7: on SUSE, the DHCP client leaves the host name alone (Azure's provisioning sets it)
  static Finding suseDhcpHostname(ProbeReport report, Distribution distribution) {
    if (distribution.family() != Distribution.Family.SUSE) {
      return pass(RuleId.LNX_NET_7, "not-suse", distribution.prettyName(), distribution.prettyName());
    }
    Optional<Section> section = report.section("suse-dhcp");
    String file = section.map(s -> s.attributeOrEmpty("file")).orElse("absent");
    if (file.equals("unreadable")) {
      return fail(RuleId.LNX_NET_7, "unreadable", SUSE_DHCP, SUSE_DHCP);
    }
    if (!file.equals("present")) {
      return fail(RuleId.LNX_NET_7, "missing", SUSE_DHCP + ": missing", SUSE_DHCP);
    }
    List<String> lines = section.get().lines();
    // the file is sourced by the shell: the last assignment counts
    String assignment = null;
    String value = null;
    for (String line : lines) {
      Matcher matcher = SET_HOSTNAME.matcher(line);
      if (matcher.matches()) {
        assignment = line.strip();
        String raw = matcher.group(1).strip();
        int comment = raw.indexOf(" #");
        value = NetworkConfig.unquote(comment >= 0 ? raw.substring(0, comment).strip() : raw);
      }
    }
    if (assignment == null) {
      String commented = lines.isEmpty() ? "no DHCLIENT_SET_HOSTNAME line" : lines.get(lines.size() - 1).strip();
      return fail(RuleId.LNX_NET_7, "not-set", SUSE_DHCP + ": " + commented, SUSE_DHCP);
    }
    String evidence = SUSE_DHCP + ": " + assignment;
    if (!value.equals("no")) {
      return fail(RuleId.LNX_NET_7, "sets-hostname", evidence, SUSE_DHCP, value);
    }
    return pass(RuleId.LNX_NET_7, "ok", evidence, SUSE_DHCP);
  }
}
