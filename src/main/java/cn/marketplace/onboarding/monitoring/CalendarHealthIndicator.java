package cn.marketplace.onboarding.monitoring;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * {@code calendar} in {@code /actuator/health}: the last day the holiday files and release freeze
 * periods cover, and {@code WARNING} when the next 90 days run past it. WARNING is a status of its
 * own outside {@code management.endpoint.health.status.order}: it shows here and takes neither the
 * aggregate nor readiness down (a node counts days fine, only not far enough ahead).
 */
@Component("calendarHealthIndicator")
class CalendarHealthIndicator implements HealthIndicator {

  static final Status WARNING = new Status("WARNING", "add the next year's holidays or freeze periods");

  private final CalendarCoverage coverage;

  CalendarHealthIndicator(CalendarCoverage coverage) {
    this.coverage = coverage;
  }

  @Override
  public Health health() {
    CalendarCoverage.Report report = coverage.check();
    Health.Builder health = report.endsSoon() ? Health.status(WARNING) : Health.up();
    return health
        .withDetail("lastCoveredDay", report.lastCoveredDay().toString())
        .withDetail("holidaysCoveredUntil", String.valueOf(report.holidaysCoveredUntil()))
        .withDetail("freezePeriodsCoveredUntil", String.valueOf(report.freezePeriodsCoveredUntil()))
        .withDetail("horizon", report.horizon().toString())
        .withDetail("summary", report.summary())
        .build();
  }
}
