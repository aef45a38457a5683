package cn.marketplace.onboarding.certification.linux;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Dotted version numbers as Linux tools print them ({@code 2.2.49.2}, {@code 3.10.0-1160.el7}). */
final class Versions {

  private static final Pattern LEADING_NUMBERS = Pattern.compile("(\\d+(?:\\.\\d+)*)");

  private Versions() {}

  /** The first dotted number in the text, or null. */
  static String firstIn(String text) {
    Matcher matcher = LEADING_NUMBERS.matcher(text == null ? "" : text);
    return matcher.find() ? matcher.group(1) : null;
  }

  /** Compares dotted numbers part by part; missing parts count as 0. */
  static int compare(String left, String right) {
    String[] a = left.split("\\.");
    String[] b = right.split("\\.");
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      int difference = Long.compare(part(a, i), part(b, i));
      if (difference != 0) {
        return difference;
      }
    }
    return 0;
  }

  static boolean atLeast(String version, String minimum) {
    return version != null && compare(version, minimum) >= 0;
  }

  private static long part(String[] parts, int index) {
    if (index >= parts.length) {
      return 0;
    }
    String digits = parts[index].length() > 9 ? parts[index].substring(0, 9) : parts[index];
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
