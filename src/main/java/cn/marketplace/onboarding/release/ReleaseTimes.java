package cn.marketplace.onboarding.release;

import static cn.marketplace.onboarding.process.OfferReleaseProcess.RELEASE_AT;
import static cn.marketplace.onboarding.rules.Finding.fail;
import static cn.marketplace.onboarding.rules.Finding.pass;

import cn.marketplace.onboarding.calendar.BusinessCalendar;
import cn.marketplace.onboarding.calendar.ReleaseProperties;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * REL-1: whether a release time may be agreed. It lies in the future, inside the working hours of a
 * business day of the calendar, and outside every configured freeze period.
 */
@Component
public class ReleaseTimes {

  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");

  private final BusinessCalendar calendar;
  private final ReleaseProperties properties;

  public ReleaseTimes(BusinessCalendar calendar, ReleaseProperties properties) {
    this.calendar = calendar;
    this.properties = properties;
  }

  /** The time, if it is one; and the one finding that says why it may or may not be agreed. */
  public record Checked(Optional<Instant> at, Finding finding) {}

  /** {@code releaseAt} as ISO-8601 with an offset ({@code 2026-03-03T10:00+08:00}), or local to the calendar's zone. */
  public Checked check(String releaseAt, Instant now) {
    Optional<Instant> parsed = parse(releaseAt);
    if (parsed.isEmpty()) {
      return new Checked(Optional.empty(), fail(RuleId.REL_1, RELEASE_AT, "REL-1.format", RELEASE_AT, String.valueOf(releaseAt)));
    }
    Instant at = parsed.get();
    String shown = show(at);
    if (!at.isAfter(now)) {
      return new Checked(parsed, fail(RuleId.REL_1, RELEASE_AT, "REL-1.past", RELEASE_AT, shown));
    }
    Optional<ReleaseProperties.FreezePeriod> freeze = properties.freezePeriods().stream()
        .filter(period -> period.contains(at.atZone(calendar.zone()).toLocalDate())).findFirst();
    if (freeze.isPresent()) {
      return new Checked(parsed, fail(RuleId.REL_1, RELEASE_AT, "REL-1.freeze", RELEASE_AT, shown, freeze.get().name(),
          freeze.get().from().toString(), freeze.get().to().toString()));
    }
    if (!calendar.isWorkingTime(at)) {
      return new Checked(parsed, fail(RuleId.REL_1, RELEASE_AT, "REL-1.outside-working-time", RELEASE_AT, shown));
    }
    return new Checked(parsed, pass(RuleId.REL_1, RELEASE_AT, "REL-1.ok", RELEASE_AT, shown));
  }

  /** The time as people read it, in the calendar's zone. */
  public String show(Instant at) {
    return SHOWN.format(at.atZone(calendar.zone()));
  }

  /** The time as ISO-8601 with the calendar zone's offset, e.g. {@code 2026-03-03T10:00:00+08:00}. */
  public String iso(Instant at) {
    return at.atZone(calendar.zone()).toOffsetDateTime().toString();
  }

  private Optional<Instant> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String value = text.strip();
    try {
      return Optional.of(OffsetDateTime.parse(value).toInstant());
    } catch (DateTimeParseException withoutOffset) {
      try {
        return Optional.of(LocalDateTime.parse(value).atZone(calendar.zone()).toInstant());
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
  }
}
