package cn.marketplace.onboarding.certification.linux;

import static cn.marketplace.onboarding.certification.linux.LinuxFindings.*;

import cn.marketplace.onboarding.certification.linux.ProbeReport.Section;
import cn.marketplace.onboarding.certification.policy.Thresholds;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * LNX-OMI-1, LNX-KVP-1, LNX-KMOD-1, LNX-CINIT-1 and LNX-REPO-1: what Microsoft's image suite of today
 * asks of the platform software (LISA {@code azure_image_standard}).
 */
final class PlatformChecks {

  /** {@code OMI-1.6.8-1 - ...}, {@code install ok installed 1.6.8.1}, {@code 1.6.8-1}. */
  private static final Pattern OMI_VERSION = Pattern.compile("(\\d+\\.\\d+\\.\\d+(?:[.-]\\d+)?)");

  private PlatformChecks() {}

  // LNX-OMI-1: OMI, where installed, is not older than the policy's minimum (the OMIGOD fixes)
  static Finding omi(ProbeReport report, Thresholds thresholds) {
    String minimum = thresholds.text("minimum-version");
    String server = report.attribute("omi", "omiserver");
    String packageLine = report.attribute("omi", "package");
    boolean packaged = packageLine.startsWith("install ok installed");
    if (server.isEmpty() && !packaged) {
      return pass(RuleId.LNX_OMI_1, "not-installed", null);
    }
    String evidence = server.isEmpty() ? "omi package: " + packageLine : "omiserver --version: " + server;
    String version = group(OMI_VERSION, server.isEmpty() ? packageLine : server);
    if (version == null) {
      return fail(RuleId.LNX_OMI_1, "unknown", evidence, minimum);
    }
    String comparable = version.replace('-', '.');
    if (!Versions.atLeast(comparable, minimum)) {
      return fail(RuleId.LNX_OMI_1, "too-old", evidence, comparable, minimum);
    }
    return pass(RuleId.LNX_OMI_1, "ok", evidence, comparable);
  }

  // LNX-KVP-1: the Hyper-V KVP daemon is installed; optional on the families the policy names
  static Finding kvpDaemon(ProbeReport report, Distribution distribution, Thresholds thresholds) {
    String daemon = report.attribute("hv-kvp", "daemon");
    if (!daemon.isEmpty()) {
      return pass(RuleId.LNX_KVP_1, "ok", "hv_kvp_daemon: " + daemon);
    }
    if (thresholds.texts("optional-on").contains(distribution.family().name().toLowerCase(Locale.ROOT))) {
      return pass(RuleId.LNX_KVP_1, "optional", distribution.prettyName(), distribution.prettyName());
    }
    return warning(RuleId.LNX_KVP_1, "missing", null);
  }

  // LNX-KMOD-1: the kernel options the policy names are built in or modules (y or m)
  static Finding kernelModules(ProbeReport report, Thresholds thresholds) {
    Optional<Section> config = report.section("kernel-config");
    String source = config.map(s -> s.attributeOrEmpty("source")).orElse("");
    if (config.isEmpty() || source.isEmpty() || source.equals("none")) {
      return fail(RuleId.LNX_KMOD_1, "unknown", null);
    }
    List<String> lines = config.get().lines().stream().map(String::strip).toList();
    List<String> missing = new ArrayList<>();
    List<String> enabled = new ArrayList<>();
    for (String option : thresholds.texts("options")) {
      if (lines.contains(option + "=y") || lines.contains(option + "=m")) {
        enabled.add(lines.stream().filter(l -> l.startsWith(option + "=")).findFirst().orElse(option));
      } else {
        missing.add(option);
      }
    }
    if (!missing.isEmpty()) {
      return fail(RuleId.LNX_KMOD_1, "missing", source + ": " + String.join(", ", lines), String.join(", ", missing));
    }
    return pass(RuleId.LNX_KMOD_1, "ok", source + ": " + String.join(", ", enabled));
  }

  // LNX-CINIT-1: where cloud-init is used, it finished without errors
  static Finding cloudInit(ProbeReport report) {
    Optional<Section> section = report.section("cloud-init");
    if (section.isEmpty() || section.get().attribute("missing").isPresent()) {
      return pass(RuleId.LNX_CINIT_1, "not-used", null);
    }
    List<String> lines = section.get().lines().stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
    String status = lines.stream().filter(l -> l.startsWith("status:")).findFirst()
        .map(l -> l.substring("status:".length()).strip()).orElse("");
    String evidence = evidence(lines);
    if (status.equals("disabled") || status.equals("not run") || status.equals("not started")) {
      return pass(RuleId.LNX_CINIT_1, "not-used", evidence);
    }
    if (status.equals("done") && "0".equals(section.get().attributeOrEmpty("exit"))) {
      return pass(RuleId.LNX_CINIT_1, "ok", evidence);
    }
    return fail(RuleId.LNX_CINIT_1, "error", evidence, status.isEmpty() ? "?" : status);
  }

  // LNX-REPO-1: the distribution's package repositories are configured
  static Finding repositories(ProbeReport report) {
    List<String> configured = report.section("repositories").map(Section::lines).orElse(List.of()).stream()
        .map(line -> line.strip().split("\\s+", 2))
        .filter(fields -> fields.length == 2 && parseLong(fields[0]) > 0)
        .map(fields -> fields[1] + " (" + fields[0] + ")")
        .toList();
    if (configured.isEmpty()) {
      return fail(RuleId.LNX_REPO_1, "none", null);
    }
    return pass(RuleId.LNX_REPO_1, "ok", evidence(configured));
  }
}
