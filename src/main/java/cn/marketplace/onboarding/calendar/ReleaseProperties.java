package cn.marketplace.onboarding.calendar;

import java.time.LocalDate;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code onboarding.release.*}.
 *
 * @param freezePeriods days on which nothing is released to production (REL-1), such as the weeks
 *     around the Spring Festival; both ends included, in the business calendar's zone
 */
@ConfigurationProperties("onboarding.release")
public record ReleaseProperties(List<FreezePeriod> freezePeriods) {

  public ReleaseProperties {
    freezePeriods = freezePeriods == null ? List.of() : List.copyOf(freezePeriods);
  }

  public record FreezePeriod(String name, LocalDate from, LocalDate to) {

    public FreezePeriod {
      if (name == null || from == null || to == null || to.isBefore(from)) {
        throw new IllegalArgumentException(
            "onboarding.release.freeze-periods: each needs a name, a from date and a to date not before it");
      }
    }

    public boolean contains(LocalDate day) {
      return !day.isBefore(from) && !day.isAfter(to);
    }
  }
}
