package cn.marketplace.onboarding.certification.linux;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The effective value of a global sshd option, read the way sshd reads its configuration: the
 * first value wins, {@code Include} is followed where it stands, and a {@code Match} block ends
 * the global part of a file.
 */
final class SshdConfig {

  static final String MAIN_FILE = "/etc/ssh/sshd_config";
  private static final int MAX_INCLUDE_DEPTH = 8;

  /** A value and the line it came from, for the evidence. */
  record Setting(String value, String file, String line) {}

  private final ProbeReport report;

  SshdConfig(ProbeReport report) {
    this.report = report;
  }

  boolean present() {
    return report.file(MAIN_FILE).map(ProbeReport.Section::readable).orElse(false);
  }

  Optional<Setting> first(String keyword) {
    return first(keyword, MAIN_FILE, 0);
  }

  private Optional<Setting> first(String keyword, String path, int depth) {
    if (depth > MAX_INCLUDE_DEPTH) {
      return Optional.empty();
    }
    Optional<ProbeReport.Section> file = report.file(path);
    if (file.isEmpty()) {
      return Optional.empty();
    }
    for (String rawLine : file.get().lines()) {
      String line = rawLine.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("[\\s=]+", 2);
      String key = parts[0].toLowerCase(Locale.ROOT);
      String argument = parts.length > 1 ? parts[1].strip() : "";
      if (key.equals("match")) {
        return Optional.empty();
      }
      if (key.equals("include")) {
        for (String pattern : argument.split("\\s+")) {
          for (String included : filesMatching(pattern)) {
            Optional<Setting> found = first(keyword, included, depth + 1);
            if (found.isPresent()) {
              return found;
            }
          }
        }
      } else if (key.equals(keyword.toLowerCase(Locale.ROOT))) {
        return Optional.of(new Setting(argument.split("\\s+")[0], path, line));
      }
    }
    return Optional.empty();
  }

  private List<String> filesMatching(String pattern) {
    String absolute = pattern.startsWith("/") ? pattern : "/etc/ssh/" + pattern;
    Pattern glob = Pattern.compile(globToRegex(absolute));
    List<String> matches = new ArrayList<>();
    for (ProbeReport.Section section : report.filesUnder("/etc/ssh/")) {
      String path = section.name().substring("file ".length());
      if (glob.matcher(path).matches()) {
        matches.add(path);
      }
    }
    matches.sort(Comparator.naturalOrder());
    return matches;
  }

  private static String globToRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> regex.append("[^/]*");
        case '?' -> regex.append("[^/]");
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return regex.toString();
  }

  /** Seconds of an sshd time value ({@code 180}, {@code 3m}, {@code 1m30s}), or empty if it isn't one. */
  static Optional<Long> seconds(String value) {
    if (value == null || !value.matches("(?i)(\\d{1,9}[smhdw]?)+")) {
      return Optional.empty();
    }
    long total = 0;
    var matcher = Pattern.compile("(?i)(\\d{1,9})([smhdw]?)").matcher(value);
    while (matcher.find()) {
      long number = Long.parseLong(matcher.group(1));
      total += switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
        case "m" -> number * 60;
        case "h" -> number * 3_600;
        case "d" -> number * 86_400;
        case "w" -> number * 604_800;
        default -> number;
      };
    }
    return Optional.of(total);
  }
}
