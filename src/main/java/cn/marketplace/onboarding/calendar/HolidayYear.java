package cn.marketplace.onboarding.calendar;

import java.time.LocalDate;
import java.util.List;

/** One {@code config/holidays-<year>.yaml}: the year's public holidays and make-up working days. */
public record HolidayYear(int year, List<Holiday> holidays, List<LocalDate> workdays) {

  public HolidayYear {
    holidays = holidays == null ? List.of() : List.copyOf(holidays);
    workdays = workdays == null ? List.of() : List.copyOf(workdays);
  }

  /** A holiday of one or more consecutive days, both ends included. */
  public record Holiday(String name, LocalDate from, LocalDate to) {}
}
