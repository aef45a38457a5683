package cn.marketplace.onboarding.catalog;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** SUB-1: an image version {@code X.Y.Z} of integers, compared number by number. */
public record ImageVersionNumber(int major, int minor, int patch) implements Comparable<ImageVersionNumber> {

  /** Each part a whole number without leading zeros, at most nine digits. */
  static final Pattern FORMAT = Pattern.compile("(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})");

  private static final Comparator<ImageVersionNumber> ORDER = Comparator.comparingInt(ImageVersionNumber::major)
      .thenComparingInt(ImageVersionNumber::minor).thenComparingInt(ImageVersionNumber::patch);

  public static Optional<ImageVersionNumber> parse(String text) {
    Matcher matcher = text == null ? null : FORMAT.matcher(text);
    if (matcher == null || !matcher.matches()) {
      return Optional.empty();
    }
    return Optional.of(new ImageVersionNumber(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
        Integer.parseInt(matcher.group(3))));
  }

  @Override
  public int compareTo(ImageVersionNumber other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
