package cn.marketplace.onboarding.calendar;

/** The business calendar the product builds, from {@code config/holidays-*.yaml}, without Spring. */
public final class TestCalendars {

  private TestCalendars() {}

  /** Mainland China, Asia/Shanghai, with every holiday file on the class path. */
  public static BusinessCalendar mainland() {
    return new CalendarConfiguration().businessCalendar(new CalendarProperties(null, null, null, null));
  }
}
