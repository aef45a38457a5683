package cn.marketplace.onboarding.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private final BusinessCalendar calendar = new BusinessCalendar(SHANGHAI,
      CalendarConfiguration.load(java.util.List.of("classpath*:config/holidays-*.yaml")), LocalTime.of(9, 0), LocalTime.of(18, 0));

  @Test
  void readsTheYearlyFiles() {
    assertThat(calendar.knowsYear(2025)).isTrue();
    assertThat(calendar.knowsYear(2026)).isTrue();
    assertThat(calendar.knowsYear(1999)).isFalse();
  }

  @Test
  void holidaysAreNotBusinessDaysAndMakeUpSaturdaysAre() {
    assertThat(calendar.isBusinessDay(LocalDate.of(2026, 10, 1))).isFalse(); // National Day, Thursday
    assertThat(calendar.isBusinessDay(LocalDate.of(2026, 2, 16))).isFalse(); // Spring Festival, Monday
    assertThat(calendar.isBusinessDay(LocalDate.of(2026, 10, 10))).isTrue(); // make-up Saturday
    assertThat(calendar.isBusinessDay(LocalDate.of(2026, 9, 20))).isTrue(); // make-up Sunday
    assertThat(calendar.isBusinessDay(LocalDate.of(2026, 11, 21))).isFalse(); // plain Saturday
    assertThat(calendar.isBusinessDay(LocalDate.of(2026, 11, 23))).isTrue(); // plain Monday
    assertThat(calendar.holidayName(LocalDate.of(2026, 10, 3))).hasValueSatisfying(n -> assertThat(n).contains("国庆"));
  }

  @Test
  void threeBusinessDaysAcrossNationalDay() {
    // Wednesday 30 September 2026, 10:00: 1-7 October are holidays, 8 and 9 are Thu/Fri, 10 is a make-up Saturday
    Instant from = at(2026, 9, 30, 10);
    assertThat(calendar.plusBusinessDays(from, 3)).isEqualTo(at(2026, 10, 10, 10));
    assertThat(calendar.businessDaysBetween(from, at(2026, 10, 10, 10))).isEqualTo(3);
  }

  @Test
  void aPlainWeekSkipsTheWeekend() {
    assertThat(calendar.plusBusinessDays(at(2026, 11, 20, 15), 1)).isEqualTo(at(2026, 11, 23, 15)); // Fri -> Mon
    assertThat(calendar.plusBusinessDays(at(2026, 11, 20, 15), 0)).isEqualTo(at(2026, 11, 20, 15));
  }

  @Test
  void workingTimeIsInsideHoursOnBusinessDays() {
    assertThat(calendar.isWorkingTime(at(2026, 11, 23, 10))).isTrue();
    assertThat(calendar.isWorkingTime(at(2026, 11, 23, 19))).isFalse();
    assertThat(calendar.isWorkingTime(at(2026, 10, 2, 10))).isFalse();
  }

  private static Instant at(int year, int month, int day, int hour) {
    return ZonedDateTime.of(year, month, day, hour, 0, 0, 0, SHANGHAI).toInstant();
  }
}
