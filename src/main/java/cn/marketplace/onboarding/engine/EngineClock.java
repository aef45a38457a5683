package cn.marketplace.onboarding.engine;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The product's one clock: the engine's. Timers, due dates, link expiries and SAS deadlines are
 * all read from it, so moving the engine's clock in a test moves everything together.
 */
@Component
public class EngineClock {

  public Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  public Date nowAsDate() {
    return ClockUtil.getCurrentTime();
  }
}
