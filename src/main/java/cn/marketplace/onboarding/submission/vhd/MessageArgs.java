package cn.marketplace.onboarding.submission.vhd;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How times and sizes appear inside finding messages: plain text, the same in every language. */
final class MessageArgs {

  static final long MIB = 1024L * 1024;
  static final long GIB = 1024 * MIB;
  static final long TIB = 1024 * GIB;

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");

  private MessageArgs() {}

  /** {@code 2026-10-08 10:00 +08:00}, in the business calendar's zone. */
  static String time(Instant instant, ZoneId zone) {
    return TIME.format(instant.atZone(zone));
  }

  /** {@code 30 GiB}, {@code 30.5 GiB}: GiB with at most two decimals. */
  static String gib(long bytes) {
    return BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(GIB), 2, RoundingMode.DOWN)
        .stripTrailingZeros().toPlainString() + " GiB";
  }
}
