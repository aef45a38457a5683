package cn.marketplace.onboarding.monitoring;

import cn.marketplace.onboarding.calendar.BusinessCalendar;
import cn.marketplace.onboarding.engine.EngineClock;
import cn.marketplace.onboarding.calendar.ReleaseProperties;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * How far the operator's yearly lists reach: the holiday files (due dates, deadlines and working
 * hours count on them) and the release freeze periods (REL-1). Both are written a year at a time;
 * when the next {@value #HORIZON_DAYS} days run past either, someone must add the next year before
 * the product counts wrong.
 */
@Component
public class CalendarCoverage {

  static final int HORIZON_DAYS = 90;

  private final BusinessCalendar calendar;
  private final ReleaseProperties release;
  private final EngineClock clock;

  CalendarCoverage(BusinessCalendar calendar, ReleaseProperties release, EngineClock clock) {
    this.calendar = calendar;
    this.release = release;
    this.clock = clock;
  }

  public Report check() {
    LocalDate today = clock.now().atZone(calendar.zone()).toLocalDate();
    LocalDate horizon = today.plusDays(HORIZON_DAYS);
    Optional<LocalDate> holidays = calendar.lastCoveredDay(today);
    Optional<LocalDate> freezes = release.freezePeriods().stream()
        .map(period -> period.from().getYear()).max(Integer::compare)
        .filter(year -> year >= today.getYear())
        .map(year -> LocalDate.of(year, 12, 31));
    return new Report(today, horizon, holidays.orElse(null), freezes.orElse(null));
  }

  /**
   * @param holidaysCoveredUntil the last day of the holiday files, {@code null} when even today's
   *     year has none
   * @param freezePeriodsCoveredUntil the end of the last year with release freeze periods, {@code
   *     null} when today's year has none
   */
  public record Report(LocalDate today, LocalDate horizon, LocalDate holidaysCoveredUntil,
      LocalDate freezePeriodsCoveredUntil) {

    public boolean holidaysEndSoon() {
      return holidaysCoveredUntil == null || holidaysCoveredUntil.isBefore(horizon);
    }

    public boolean freezePeriodsEndSoon() {
      return freezePeriodsCoveredUntil == null || freezePeriodsCoveredUntil.isBefore(horizon);
    }

    public boolean endsSoon() {
      return holidaysEndSoon() || freezePeriodsEndSoon();
    }

    /** The earlier of the two ends, the day after which something counts wrong. */
    public LocalDate lastCoveredDay() {
      if (holidaysCoveredUntil == null || freezePeriodsCoveredUntil == null) {
        return today.minusDays(1);
      }
      return holidaysCoveredUntil.isBefore(freezePeriodsCoveredUntil) ? holidaysCoveredUntil : freezePeriodsCoveredUntil;
    }

    /** One sentence for logs, health and Cockpit: what ends when, and what to add. */
    public String summary() {
      String ends = "holiday files cover up to " + orNone(holidaysCoveredUntil)
          + ", release freeze periods up to " + orNone(freezePeriodsCoveredUntil);
      if (!endsSoon()) {
        return "Business calendar: " + ends + "; the next " + HORIZON_DAYS + " days (to " + horizon + ") are covered";
      }
      int next = lastCoveredDay().getYear() + 1;
      StringBuilder add = new StringBuilder();
      if (holidaysEndSoon()) {
        add.append("config/holidays-").append(next).append(".yaml");
      }
      if (freezePeriodsEndSoon()) {
        add.append(add.isEmpty() ? "" : " and ").append(next).append("'s onboarding.release.freeze-periods");
      }
      return "Business calendar: " + ends + ", but the next " + HORIZON_DAYS + " days run to " + horizon
          + ": due dates and release windows after " + lastCoveredDay() + " count weekends only until "
          + add + " are added (README: a new year)";
    }

    private static String orNone(LocalDate day) {
      return day == null ? "none of this year" : day.toString();
    }
  }
}
