package cn.marketplace.onboarding.certification.linux;

import static cn.marketplace.onboarding.certification.linux.LinuxFindings.*;

import cn.marketplace.onboarding.certification.linux.ProbeReport.Section;
import cn.marketplace.onboarding.certification.policy.Thresholds;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** LNX-AGENT-* and LNX-LIB-*: the Azure Linux Agent, the kernel and the libraries it needs (guide 2.2, 2.3). */
final class AgentAndLibraryChecks {

  private AgentAndLibraryChecks() {}

  // LNX-AGENT-1: the agent comes from the distribution's package and has its configuration
  static Finding agentInstalled(ProbeReport report, Distribution distribution) {
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

  // LNX-AGENT-2: the policy's minimum version, or (where the policy says so) auto-update on
  static Finding agentVersion(ProbeReport report, Thresholds thresholds) {
    String minimum = thresholds.text("minimum-version");
    List<String> output = report.section("waagent-version").map(Section::lines).orElse(List.of());
    String text = String.join("\n", output);
    String installed = group(AGENT_VERSION, text);
    String goalState = group(GOAL_STATE_VERSION, text);
    String autoUpdate = autoUpdate(report);
    String evidence = output.isEmpty() ? null : String.join("; ", output.stream().limit(3).toList());
    if (installed == null) {
      return fail(RuleId.LNX_AGENT_2, "unknown", evidence, minimum, autoUpdate);
    }
    if (!Versions.atLeast(installed, minimum)) {
      if (thresholds.flag("auto-update-suffices") && autoUpdate.equals("on")) {
        return pass(RuleId.LNX_AGENT_2, "auto-update", evidence, installed, minimum);
      }
      return fail(RuleId.LNX_AGENT_2, "too-old", evidence, installed, minimum, autoUpdate);
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
  static Finding kernel(ProbeReport report, Thresholds thresholds) {
    String minimum = thresholds.text("minimum-version");
    String release = report.attribute("uname", "kernel");
    String version = Versions.firstIn(release);
    if (version == null) {
      return fail(RuleId.LNX_LIB_1, "unknown", null);
    }
    String majorMinor = version.contains(".") ? version : version + ".0";
    if (!Versions.atLeast(majorMinor, minimum)) {
      return fail(RuleId.LNX_LIB_1, "too-old", "uname -r: " + release, release, minimum);
    }
    return pass(RuleId.LNX_LIB_1, "ok", "uname -r: " + release, release);
  }

  // LNX-LIB-2: the storvsc driver (with the Azure I/O patch) is in the kernel
  static Finding storvsc(ProbeReport report) {
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

  // LNX-LIB-3: Python at the policy's minimum or later; below its warn-below version, a warning
  static Finding python(ProbeReport report, Thresholds thresholds) {
    String minimum = thresholds.text("minimum-version");
    Optional<String> warnBelow = thresholds.optionalText("warn-below");
    List<String> versions = pythonVersions(report);
    Optional<String> best = versions.stream().max(Versions::compare);
    String evidence = versions.isEmpty() ? null : "python: " + String.join(", ", versions);
    if (best.isEmpty()) {
      return fail(RuleId.LNX_LIB_3, "missing", null, minimum);
    }
    if (!Versions.atLeast(best.get(), minimum)) {
      return fail(RuleId.LNX_LIB_3, "too-old", evidence, best.get(), minimum);
    }
    if (warnBelow.isPresent() && !Versions.atLeast(best.get(), warnBelow.get())) {
      return warning(RuleId.LNX_LIB_3, "end-of-support", evidence, best.get(), warnBelow.get());
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
  static Finding pyasn1(ProbeReport report) {
    List<String> with = report.sectionsStartingWith("python ").stream()
        .filter(s -> "yes".equals(s.attributeOrEmpty("pyasn1")))
        .map(s -> s.name().substring("python ".length()))
        .toList();
    if (with.isEmpty()) {
      return fail(RuleId.LNX_LIB_4, "missing", null);
    }
    return pass(RuleId.LNX_LIB_4, "ok", "import pyasn1: " + String.join(", ", with));
  }

  // LNX-LIB-5: OpenSSL at the policy's minimum or later, or one of the versions it tolerates
  static Finding openssl(ProbeReport report, Thresholds thresholds) {
    String minimum = thresholds.text("minimum-version");
    Optional<Section> section = report.section("openssl");
    String line = section.map(s -> s.lines().isEmpty() ? "" : s.lines().get(0).strip()).orElse("");
    Matcher matcher = OPENSSL_VERSION.matcher(line);
    if (!matcher.find()) {
      return fail(RuleId.LNX_LIB_5, "missing", line.isEmpty() ? null : line, minimum);
    }
    String version = matcher.group(2);
    boolean libreSsl = matcher.group(1).equals("LibreSSL"); // forked from OpenSSL 1.0.1
    if (!libreSsl && !Versions.atLeast(version, minimum)) {
      if (thresholds.texts("tolerated-versions").stream().anyMatch(t -> Versions.compare(t, version) == 0)) {
        return pass(RuleId.LNX_LIB_5, "tolerated", line, version, minimum);
      }
      return fail(RuleId.LNX_LIB_5, "too-old", line, version, minimum);
    }
    return pass(RuleId.LNX_LIB_5, "ok", line, version);
  }
}
