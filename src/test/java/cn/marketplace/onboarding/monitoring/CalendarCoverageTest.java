package cn.marketplace.onboarding.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.calendar.BusinessCalendar;
import cn.marketplace.onboarding.calendar.TestCalendars;
import cn.marketplace.onboarding.engine.EngineClock;
import cn.marketplace.onboarding.calendar.ReleaseProperties;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shipped holiday files and the shipped freeze periods, seen from different days. */
class CalendarCoverageTest {

  private final BusinessCalendar calendar = TestCalendars.mainland();
  private final ReleaseProperties freezes = new ReleaseProperties(List.of(
      new ReleaseProperties.FreezePeriod("春节封网 Spring Festival 2026", LocalDate.of(2026, 2, 9), LocalDate.of(2026, 2, 27)),
      new ReleaseProperties.FreezePeriod("国庆封网 National Day 2026", LocalDate.of(2026, 9, 28), LocalDate.of(2026, 10, 9))));
  private final CalendarCoverage coverage = new CalendarCoverage(calendar, freezes, new EngineClock());

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void ninetyDaysBeforeTheEndOfTheLastYearItWarnsAndSaysWhatToAdd() {
    at(LocalDate.of(2026, 12, 1));
    CalendarCoverage.Report report = coverage.check();
    assertThat(report.endsSoon()).isTrue();
    assertThat(report.lastCoveredDay()).isEqualTo(LocalDate.of(2026, 12, 31));
    assertThat(report.horizon()).isEqualTo(LocalDate.of(2027, 3, 1));
    assertThat(report.summary()).contains("config/holidays-2027.yaml", "2027's onboarding.release.freeze-periods");
  }

  @Test
  void earlierInTheYearEverythingIsCovered() {
    at(LocalDate.of(2026, 6, 1));
    CalendarCoverage.Report report = coverage.check();
    assertThat(report.endsSoon()).isFalse();
    assertThat(report.summary()).contains("are covered");
  }

  @Test
  void aYearWithoutAnyListIsNotCoveredAtAll() {
    at(LocalDate.of(2028, 1, 10));
    CalendarCoverage.Report report = coverage.check();
    assertThat(report.endsSoon()).isTrue();
    assertThat(report.holidaysCoveredUntil()).isNull();
    assertThat(report.freezePeriodsCoveredUntil()).isNull();
    assertThat(report.lastCoveredDay()).isBefore(LocalDate.of(2028, 1, 10));
  }

  private static void at(LocalDate day) {
    ClockUtil.setCurrentTime(Date.from(day.atTime(10, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant()));
  }
}
