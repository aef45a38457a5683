package cn.marketplace.onboarding.submission.vhd;

import static cn.marketplace.onboarding.testsupport.TestPolicies.AZURE_CHINA_2015;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the service does without any storage: the earliest SAS expiry, the reminder before it, and input it never sends out. */
class VhdCheckServiceTest {

  private final VhdCheckService service = TestStorage.vhdCheckService();

  @AfterEach
  void stop() {
    service.destroy();
  }

  /** A SAS URI on a host no check may contact: its rules are checked, its blob is never read. */
  private static String expiringAt(String expiry) {
    return "https://isv.example.com/vhds/os.vhd?sp=rl&se=" + expiry + "&sig=abc";
  }

  @Test
  void theReportKeepsTheEarliestExpiryAndTheReminderIsTwoBusinessDaysBefore() {
    VhdCheckReport report = service.check(List.of(VhdDisk.linuxOs(expiringAt("2026-03-20T02:00:00Z")),
        VhdDisk.data(0, expiringAt("2026-03-09T02:00:00Z")), VhdDisk.data(1, expiringAt("2026-04-30T02:00:00Z"))),
        Instant.parse("2026-03-02T02:00:00Z"), AZURE_CHINA_2015);

    assertThat(report.totalBytesRead()).isZero();
    assertThat(report.earliestSasExpiry()).contains(Instant.parse("2026-03-09T02:00:00Z"));
    // Mon 9 March 2026, 10:00 in Shanghai: two business days before is Thu 5 March, 10:00
    assertThat(service.expiryReminder(report.earliestSasExpiry().orElseThrow()))
        .isEqualTo(Instant.parse("2026-03-05T02:00:00Z"));
  }

  @Test
  void theReminderSkipsHolidays() {
    // Fri 9 Oct 2026: Thu 8 Oct is a business day, 1-7 Oct are National Day, Wed 30 Sep is the second
    assertThat(service.expiryReminder(Instant.parse("2026-10-09T02:00:00Z")))
        .isEqualTo(Instant.parse("2026-09-30T02:00:00Z"));
  }

  @Test
  void urisWithoutExpiryOrUnreadableGiveNoExpiry() {
    VhdCheckReport report = service.check(List.of(VhdDisk.linuxOs("not a uri"),
        VhdDisk.data(0, "https://isv.example.com/vhds/data.vhd?sp=rl&sig=abc")), Instant.now(), AZURE_CHINA_2015);

    assertThat(report.earliestSasExpiry()).isEmpty();
    assertThat(VhdCheckService.earliest(Optional.empty(), Optional.empty())).isEmpty();
  }

  @Test
  void noDisksGiveAnEmptyReport() {
    VhdCheckReport report = service.check(null, Instant.now(), AZURE_CHINA_2015);

    assertThat(report.findings()).isEmpty();
    assertThat(report.totalBytesRead()).isZero();
  }
}
