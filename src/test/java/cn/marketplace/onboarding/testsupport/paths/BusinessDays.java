package cn.marketplace.onboarding.testsupport.paths;

import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.when;

import cn.marketplace.onboarding.calendar.DueDates;
import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.community.mockito.CamundaMockito;

/** The {@code dueDates} bean of the diagrams' expressions, counting calendar days from the engine's clock. */
public final class BusinessDays {

  private BusinessDays() {
  }

  /** Registers the double as {@code dueDates} and returns it, for verifying which day counts were asked. */
  public static DueDates register() {
    DueDates dueDates = CamundaMockito.registerMockInstance("dueDates", DueDates.class);
    when(dueDates.businessDaysFromNow(anyInt())).thenAnswer(call -> Date.from(
        ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(call.<Integer>getArgument(0)))));
    return dueDates;
  }
}
