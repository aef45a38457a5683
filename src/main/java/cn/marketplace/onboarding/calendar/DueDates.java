package cn.marketplace.onboarding.calendar;

import cn.marketplace.onboarding.engine.EngineClock;
import java.util.Date;
import org.springframework.stereotype.Component;

/**
 * Due dates and timer dates for the diagrams, counted in business days:
 * {@code camunda:dueDate="${dueDates.businessDaysFromNow(3)}"}.
 */
@Component("dueDates")
public class DueDates {

  private final BusinessCalendar calendar;
  private final EngineClock clock;

  public DueDates(BusinessCalendar calendar, EngineClock clock) {
    this.calendar = calendar;
    this.clock = clock;
  }

  public Date businessDaysFromNow(int days) {
    return Date.from(calendar.plusBusinessDays(clock.now(), days));
  }
}
