package cn.marketplace.onboarding.certification.linux;

import cn.marketplace.onboarding.certification.linux.ProbeReport.Section;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every Linux check shares: the evidence shown and the finding about the VM. The thresholds are the
 * certification policy's ({@code certification/policies/}), handed to each check as its rule's
 * {@link cn.marketplace.onboarding.certification.policy.Thresholds}.
 */
final class LinuxFindings {

  static final Set<String> ENABLED_STATES =
      Set.of("enabled", "enabled-runtime", "static", "alias", "indirect", "generated", "linked", "linked-runtime");
  static final Set<String> DISABLED_STATES = Set.of("disabled", "masked", "masked-runtime");
  static final Set<String> GENERALIZED_HOSTNAMES = Set.of("", "localhost", "localhost.localdomain");
  static final Set<String> BOOT_MOUNTS = Set.of("/boot", "/boot/efi", "[SWAP]", "");
  static final Pattern LSBLK_PAIR = Pattern.compile("([A-Z:]+)=\"([^\"]*)\"");
  static final Pattern PYTHON_VERSION = Pattern.compile("Python\\s+(\\d+\\.\\d+(?:\\.\\d+)?)");
  static final Pattern OPENSSL_VERSION = Pattern.compile("^(OpenSSL|LibreSSL)\\s+(\\d+(?:\\.\\d+)*)");
  static final Pattern AGENT_VERSION = Pattern.compile("WALinuxAgent\\W*v?(\\d+(?:\\.\\d+)+)");
  static final Pattern GOAL_STATE_VERSION = Pattern.compile("Goal state agent:\\s*(\\d+(?:\\.\\d+)+)");
  static final int EVIDENCE_ITEMS = 5;

  private LinuxFindings() {}

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

  static String evidence(List<String> items) {
    String shown = String.join("; ", items.stream().limit(EVIDENCE_ITEMS).toList());
    return items.size() > EVIDENCE_ITEMS ? shown + "; ... (" + items.size() + " in all)" : shown;
  }

  static String group(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    return matcher.find() ? matcher.group(1) : null;
  }

  static long parseLong(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static Finding pass(RuleId rule, String key, String evidence, Object... args) {
    return Finding.pass(rule, LinuxChecks.SUBJECT, rule.id() + "." + key, args).withEvidence(evidence);
  }

  static Finding warning(RuleId rule, String key, String evidence, Object... args) {
    return Finding.warning(rule, LinuxChecks.SUBJECT, rule.id() + "." + key, args).withEvidence(evidence);
  }

  static Finding fail(RuleId rule, String key, String evidence, Object... args) {
    return Finding.fail(rule, LinuxChecks.SUBJECT, rule.id() + "." + key, args).withEvidence(evidence);
  }
}
