package cn.marketplace.onboarding.submission;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SUB-2: the {@code dataDiskUris} text, one {@code LUN=URI} a line ({@code 0=https://...}; {@code lun0=}
 * and {@code LUN 0 =} are read too). Blank lines are skipped; a line that is no such pair is kept with
 * a null LUN so that its number can be named.
 */
public final class DataDiskLines {

  private static final Pattern LINE = Pattern.compile("(?i)(?:lun\\s*)?(\\d{1,3})\\s*=\\s*(\\S.*)");

  /** One line: its number from 1, the LUN and URI when the line could be read. */
  public record Line(int number, Integer lun, String uri) {

    public boolean readable() {
      return lun != null;
    }
  }

  private DataDiskLines() {}

  public static List<Line> parse(String text) {
    List<Line> lines = new ArrayList<>();
    if (text == null) {
      return lines;
    }
    String[] raw = text.split("\\R");
    for (int i = 0; i < raw.length; i++) {
      String line = raw[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      Matcher matcher = LINE.matcher(line);
      lines.add(matcher.matches() ? new Line(i + 1, Integer.parseInt(matcher.group(1)), matcher.group(2).strip())
          : new Line(i + 1, null, null));
    }
    return lines;
  }
}
