package cn.marketplace.onboarding.submission.vhd;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the service does without any storage: the expiry reminder and input it never sends out. */
class VhdCheckServiceTest {

  private final VhdCheckService service = TestStorage.vhdCheckService();

  @AfterEach
  void stop() {
    service.destroy();
  }

  private static String expiringAt(String expiry) {
    return "https://isv.blob.core.chinacloudapi.cn/vhds/os.vhd?sp=rl&se=" + expiry + "&sig=abc";
  }

  @Test
  void remindsTwoBusinessDaysBeforeTheEarliestExpiry() {
    // Mon 9 March 2026, 10:00 in Shanghai: two business days before is Thu 5 March, 10:00
    assertThat(service.expiryReminder(List.of(
        expiringAt("2026-03-20T02:00:00Z"), expiringAt("2026-03-09T02:00:00Z"), expiringAt("2026-04-30T02:00:00Z"))))
        .contains(Instant.parse("2026-03-05T02:00:00Z"));
  }

  @Test
  void theReminderSkipsHolidays() {
    // Fri 9 Oct 2026: Thu 8 Oct is a business day, 1-7 Oct are National Day, Wed 30 Sep is the second
    assertThat(service.expiryReminder(List.of(expiringAt("2026-10-09T02:00:00Z"))))
        .contains(Instant.parse("2026-09-30T02:00:00Z"));
  }

  @Test
  void urisWithoutExpiryOrUnreadableGiveNoReminder() {
    assertThat(service.expiryReminder(List.of("not a uri",
        "https://isv.blob.core.chinacloudapi.cn/vhds/os.vhd?sp=rl&sig=abc"))).isEmpty();
    assertThat(service.expiryReminder(List.of())).isEmpty();
  }

  @Test
  void noDisksGiveAnEmptyReport() {
    VhdCheckReport report = service.check(null, Instant.now());

    assertThat(report.findings()).isEmpty();
    assertThat(report.totalBytesRead()).isZero();
  }
}
