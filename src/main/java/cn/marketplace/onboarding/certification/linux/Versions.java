package cn.marketplace.onboarding.certification.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Dotted version numbers as Linux tools print them ({@code 2.2.49.2}, {@code 3.10.0-1160.el7}). */
final class Versions {

  private static final Pattern LEADING_NUMBERS = Pattern.compile("(\\d+(?:\\.\\d+)*)");
  /** A kernel release up to its first part that is not a number: {@code 3.10.0-957.21.3} of {@code 3.10.0-957.21.3.el7.x86_64}. */
  private static final Pattern KERNEL_RELEASE = Pattern.compile("^\\d+(?:[.-]\\d+)*");
  private static final Pattern DIGITS = Pattern.compile("\\d+");

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

  /**
   * The numbers of a kernel release as {@code uname -r} prints it, up to the flavour or build suffix:
   * {@code 4.15.0-1049-azure} gives 4, 15, 0, 1049; {@code 3.10.0-957.21.3.el7.x86_64} gives 3, 10, 0, 957, 21, 3.
   */
  static List<Long> kernelNumbers(String release) {
    Matcher matcher = KERNEL_RELEASE.matcher(release == null ? "" : release.strip());
    return matcher.find() ? numbers(matcher.group()) : List.of();
  }

  /** Every number of a package version, left to right: {@code 4.9.168-1+deb9u3} gives 4, 9, 168, 1, 9, 3. */
  static List<Long> numbers(String version) {
    List<Long> numbers = new ArrayList<>();
    Matcher matcher = DIGITS.matcher(version == null ? "" : version);
    while (matcher.find()) {
      String digits = matcher.group();
      numbers.add(Long.parseLong(digits.length() > 18 ? digits.substring(0, 18) : digits));
    }
    return numbers;
  }

  /** Compares numbers left to right; a missing number counts as 0. */
  static int compare(List<Long> left, List<Long> right) {
    for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
      int difference = Long.compare(i < left.size() ? left.get(i) : 0, i < right.size() ? right.get(i) : 0);
      if (difference != 0) {
        return difference;
      }
    }
    return 0;
  }
}
