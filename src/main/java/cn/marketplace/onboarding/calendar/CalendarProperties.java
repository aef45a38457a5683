package cn.marketplace.onboarding.calendar;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code onboarding.calendar.*}: where the yearly holiday files are, the time zone and the
 * working hours.
 *
 * @param holidayFiles one or more locations of {@code holidays-<year>.yaml} files, each a plain path,
 *     a {@code file:} URL or a {@code classpath:}/{@code classpath*:} resource, {@code *} allowed
 *     (e.g. {@code /etc/onboarding/holidays-*.yaml}); by default the files shipped in the jar
 */
@ConfigurationProperties("onboarding.calendar")
public record CalendarProperties(List<String> holidayFiles, ZoneId zone, LocalTime workStart, LocalTime workEnd) {

  public CalendarProperties {
    holidayFiles = holidayFiles == null || holidayFiles.isEmpty()
        ? List.of("classpath*:config/holidays-*.yaml") : List.copyOf(holidayFiles);
    zone = zone == null ? ZoneId.of("Asia/Shanghai") : zone;
    workStart = workStart == null ? LocalTime.of(9, 0) : workStart;
    workEnd = workEnd == null ? LocalTime.of(18, 0) : workEnd;
  }
}
