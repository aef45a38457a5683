package cn.marketplace.onboarding.calendar;

import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code onboarding.calendar.*}: where the yearly holiday files are, the time zone and the
 * working hours.
 */
@ConfigurationProperties("onboarding.calendar")
public record CalendarProperties(String holidayFiles, ZoneId zone, LocalTime workStart, LocalTime workEnd) {

  public CalendarProperties {
    holidayFiles = holidayFiles == null ? "classpath*:config/holidays-*.yaml" : holidayFiles;
    zone = zone == null ? ZoneId.of("Asia/Shanghai") : zone;
    workStart = workStart == null ? LocalTime.of(9, 0) : workStart;
    workEnd = workEnd == null ? LocalTime.of(18, 0) : workEnd;
  }
}
