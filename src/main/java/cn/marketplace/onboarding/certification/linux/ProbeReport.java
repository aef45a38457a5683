package cn.marketplace.onboarding.certification.linux;

import cn.marketplace.onboarding.certification.linux.ProbeParseException.Reason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the probe script ({@code certification/linux-probe.sh}) reported, as named sections of
 * attributes and content lines.
 *
 * <p>The output comes from a machine we don't control, so parsing is bounded in every direction
 * (total size, sections, lines per section, line length), ignores what it doesn't understand,
 * and fails only with a {@link ProbeParseException}.
 */
public final class ProbeReport {

  public static final String SUPPORTED_VERSION = "1";
  public static final int MAX_CHARS = 4 * 1024 * 1024;
  static final int MAX_SECTIONS = 1_000;
  static final int MAX_LINES_PER_SECTION = 2_000;
  static final int MAX_ATTRIBUTES_PER_SECTION = 100;
  static final int MAX_LINE_LENGTH = 4_096;

  private static final String BEGIN = "@@probe-begin";
  private static final String END_OF_PROBE = "@@probe-end";
  private static final String SECTION = "@@section ";
  private static final String ATTRIBUTE = "@@attr ";
  private static final String END_OF_SECTION = "@@end";
  private static final String TRUNCATED = "@@truncated";

  private final Map<String, Section> sections;
  private final int ignoredLines;

  private ProbeReport(Map<String, Section> sections, int ignoredLines) {
    this.sections = Collections.unmodifiableMap(sections);
    this.ignoredLines = ignoredLines;
  }

  /** One section: one-line attributes and content lines, in the order the probe sent them. */
  public record Section(String name, Map<String, String> attributes, List<String> lines, boolean truncated) {

    public Optional<String> attribute(String key) {
      return Optional.ofNullable(attributes.get(key));
    }

    /** The attribute, or the empty string when absent. */
    public String attributeOrEmpty(String key) {
      return attributes.getOrDefault(key, "");
    }

    /** False when the probe could see the file but not read it (not root, no sudo). */
    public boolean readable() {
      String readable = attributes.getOrDefault("readable", "yes");
      return !readable.equals("no") && !readable.equals("dangling") && !readable.equals("directory");
    }

    public boolean isLink() {
      return "link".equals(attributes.get("type"));
    }
  }

  public static ProbeReport parse(String output) throws ProbeParseException {
    if (output == null || output.isBlank()) {
      throw new ProbeParseException(Reason.EMPTY, "the probe printed nothing");
    }
    if (output.length() > MAX_CHARS) {
      throw new ProbeParseException(Reason.TOO_LARGE, "more than " + MAX_CHARS + " characters");
    }
    Map<String, Section> sections = new LinkedHashMap<>();
    SectionBuilder open = null;
    boolean begun = false;
    boolean ended = false;
    int ignored = 0;

    for (String rawLine : (Iterable<String>) output.lines()::iterator) {
      String line = stripCarriageReturn(rawLine);
      if (!begun) {
        if (line.startsWith(BEGIN)) {
          String version = line.substring(BEGIN.length()).strip();
          if (!SUPPORTED_VERSION.equals(version)) {
            throw new ProbeParseException(Reason.UNSUPPORTED_VERSION, "probe version is not " + SUPPORTED_VERSION);
          }
          begun = true;
        } else {
          ignored++; // a login banner or shell start-up noise before the probe's own output
        }
        continue;
      }
      if (line.startsWith("|")) {
        if (open != null) {
          open.addLine(line.substring(1));
        } else {
          ignored++;
        }
      } else if (line.startsWith(SECTION)) {
        close(open, sections);
        if (sections.size() >= MAX_SECTIONS) {
          throw new ProbeParseException(Reason.TOO_LARGE, "more than " + MAX_SECTIONS + " sections");
        }
        open = new SectionBuilder(truncate(line.substring(SECTION.length()).strip()));
      } else if (line.startsWith(ATTRIBUTE) && open != null) {
        open.addAttribute(line.substring(ATTRIBUTE.length()));
      } else if (line.equals(TRUNCATED) && open != null) {
        open.truncated = true;
      } else if (line.equals(END_OF_SECTION)) {
        close(open, sections);
        open = null;
      } else if (line.equals(END_OF_PROBE)) {
        close(open, sections);
        open = null;
        ended = true;
        break;
      } else {
        ignored++;
      }
    }
    if (!begun) {
      throw new ProbeParseException(Reason.NO_HEADER, "no probe header in the output");
    }
    if (!ended) {
      throw new ProbeParseException(Reason.TRUNCATED, "the output stops before the probe's end marker");
    }
    return new ProbeReport(sections, ignored);
  }

  public Optional<Section> section(String name) {
    return Optional.ofNullable(sections.get(name));
  }

  /** The section of a file the probe showed, by its path on the VM. */
  public Optional<Section> file(String path) {
    return section("file " + path);
  }

  /** File sections whose path starts with the prefix, in the order the probe sent them. */
  public List<Section> filesUnder(String pathPrefix) {
    return sectionsStartingWith("file " + pathPrefix);
  }

  public List<Section> sectionsStartingWith(String prefix) {
    return sections.values().stream().filter(s -> s.name().startsWith(prefix)).toList();
  }

  /** The attribute of a section, or the empty string when either is absent. */
  public String attribute(String section, String key) {
    return section(section).map(s -> s.attributeOrEmpty(key)).orElse("");
  }

  public int sectionCount() {
    return sections.size();
  }

  /** Lines outside the protocol that were skipped (shell noise, garbage). */
  public int ignoredLines() {
    return ignoredLines;
  }

  private static void close(SectionBuilder open, Map<String, Section> sections) {
    if (open != null) {
      // the first section of a name wins: a repeat can't override what was already reported
      sections.putIfAbsent(open.name, open.build());
    }
  }

  private static String stripCarriageReturn(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  private static String truncate(String value) {
    return value.length() > MAX_LINE_LENGTH ? value.substring(0, MAX_LINE_LENGTH) : value;
  }

  private static final class SectionBuilder {
    private final String name;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<String> lines = new ArrayList<>();
    private boolean truncated;

    SectionBuilder(String name) {
      this.name = name;
    }

    void addLine(String line) {
      if (lines.size() >= MAX_LINES_PER_SECTION) {
        truncated = true;
      } else {
        lines.add(truncate(line));
      }
    }

    void addAttribute(String keyValue) {
      int equals = keyValue.indexOf('=');
      if (equals <= 0 || attributes.size() >= MAX_ATTRIBUTES_PER_SECTION) {
        return;
      }
      attributes.putIfAbsent(truncate(keyValue.substring(0, equals)), truncate(keyValue.substring(equals + 1).strip()));
    }

    Section build() {
      return new Section(name, Collections.unmodifiableMap(attributes), List.copyOf(lines), truncated);
    }
  }
}
