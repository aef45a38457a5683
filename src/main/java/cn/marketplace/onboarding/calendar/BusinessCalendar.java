package cn.marketplace.onboarding.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Business days of mainland China: Monday to Friday, minus the public holidays, plus the make-up
 * working days (调休) that fall on weekends. Every due date and deadline of the product is counted
 * here. Years without a holiday file count weekends only; {@link #knowsYear(int)} tells which.
 */
public class BusinessCalendar {

  private final ZoneId zone;
  private final Map<LocalDate, String> holidays = new HashMap<>();
  private final Set<LocalDate> makeUpWorkdays = new HashSet<>();
  private final Set<Integer> years = new HashSet<>();
  private final LocalTime workStart;
  private final LocalTime workEnd;

  public BusinessCalendar(ZoneId zone, Collection<HolidayYear> holidayYears, LocalTime workStart,
      LocalTime workEnd) {
    this.zone = zone;
    this.workStart = workStart;
    this.workEnd = workEnd;
    for (HolidayYear year : holidayYears) {
      years.add(year.year());
      for (HolidayYear.Holiday holiday : year.holidays()) {
        for (LocalDate day = holiday.from(); !day.isAfter(holiday.to()); day = day.plusDays(1)) {
          holidays.put(day, holiday.name());
        }
      }
      makeUpWorkdays.addAll(year.workdays());
    }
  }

  public ZoneId zone() {
    return zone;
  }

  public boolean knowsYear(int year) {
    return years.contains(year);
  }

  /**
   * The last day whose holidays are known: 31 December of the latest year with a holiday file, if
   * that year and every year from today's on have one. Past it, only weekends count.
   */
  public Optional<LocalDate> lastCoveredDay(LocalDate today) {
    int year = today.getYear();
    if (!years.contains(year)) {
      return Optional.empty();
    }
    while (years.contains(year + 1)) {
      year++;
    }
    return Optional.of(LocalDate.of(year, 12, 31));
  }

  public boolean isBusinessDay(LocalDate day) {
    if (makeUpWorkdays.contains(day)) {
      return true;
    }
    if (holidays.containsKey(day)) {
      return false;
    }
    DayOfWeek dow = day.getDayOfWeek();
    return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
  }

  /** The holiday's name when {@code day} is a public holiday. */
  public Optional<String> holidayName(LocalDate day) {
    return Optional.ofNullable(holidays.get(day));
  }

  /**
   * The same local time on the {@code days}-th business day after {@code from}'s date (in the
   * calendar's zone). Zero days gives {@code from} itself.
   */
  public Instant plusBusinessDays(Instant from, int days) {
    if (days < 0) {
      throw new IllegalArgumentException("days must not be negative: " + days);
    }
    ZonedDateTime at = from.atZone(zone);
    LocalDate day = at.toLocalDate();
    for (int counted = 0; counted < days; ) {
      day = day.plusDays(1);
      if (isBusinessDay(day)) {
        counted++;
      }
    }
    return ZonedDateTime.of(day, at.toLocalTime(), zone).toInstant();
  }

  /** The same local time on the {@code days}-th business day before {@code from}'s date (in the calendar's zone). */
  public Instant minusBusinessDays(Instant from, int days) {
    if (days < 0) {
      throw new IllegalArgumentException("days must not be negative: " + days);
    }
    ZonedDateTime at = from.atZone(zone);
    LocalDate day = at.toLocalDate();
    for (int counted = 0; counted < days; ) {
      day = day.minusDays(1);
      if (isBusinessDay(day)) {
        counted++;
      }
    }
    return ZonedDateTime.of(day, at.toLocalTime(), zone).toInstant();
  }

  /** How many business days lie after {@code from}'s date up to and including {@code to}'s date. */
  public int businessDaysBetween(Instant from, Instant to) {
    LocalDate start = from.atZone(zone).toLocalDate();
    LocalDate end = to.atZone(zone).toLocalDate();
    int count = 0;
    for (LocalDate day = start.plusDays(1); !day.isAfter(end); day = day.plusDays(1)) {
      if (isBusinessDay(day)) {
        count++;
      }
    }
    return count;
  }

  /** Whether {@code at} falls on a business day inside the working hours. */
  public boolean isWorkingTime(Instant at) {
    ZonedDateTime local = at.atZone(zone);
    LocalTime time = local.toLocalTime();
    return isBusinessDay(local.toLocalDate()) && !time.isBefore(workStart) && time.isBefore(workEnd);
  }
}
