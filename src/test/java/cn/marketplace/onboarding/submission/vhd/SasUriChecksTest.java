package cn.marketplace.onboarding.submission.vhd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import cn.marketplace.onboarding.calendar.TestCalendars;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.Result;
import cn.marketplace.onboarding.rules.RuleId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One nested class per rule, each with good and bad cases. Times are fixed: no clock is read. */
class SasUriChecksTest {

  /** Monday 2 March 2026, 10:00 in Shanghai: an ordinary working week. */
  private static final Instant NOW = Instant.parse("2026-03-02T02:00:00Z");
  private static final String SUBJECT = "osVhd";
  private static final String HOST = "https://isvstore.blob.core.chinacloudapi.cn";

  private final SasUriChecks checks = TestStorage.sasUriChecks();

  /** A SAS URI that passes every rule at {@link #NOW}, with some parameters replaced. */
  private static String sas(String path, String permissions, Instant start, Instant expiry) {
    return HOST + path + "?sv=2025-01-05&sr=b"
        + (permissions == null ? "" : "&sp=" + permissions)
        + (start == null ? "" : "&st=" + start)
        + (expiry == null ? "" : "&se=" + expiry)
        + "&sig=c2lnbmF0dXJl";
  }

  private static String good() {
    return sas("/vhds/os.vhd", "rl", NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(30)));
  }

  private SasUriCheck check(String raw) {
    return checks.checkVhdUri(SUBJECT, raw, NOW);
  }

  private Finding finding(String raw, RuleId rule) {
    return check(raw).findings().stream().filter(f -> f.ruleId() == rule).findFirst().orElseThrow();
  }

  @Test
  void aGoodUriPassesEveryRuleAndMayBeRead() {
    SasUriCheck check = check(good());

    assertThat(check.findings())
        .extracting(Finding::ruleId, Finding::result, Finding::subject)
        .containsExactly(
            tuple(RuleId.SAS_1, Result.PASS, SUBJECT),
            tuple(RuleId.SAS_5, Result.PASS, SUBJECT),
            tuple(RuleId.SAS_6, Result.PASS, SUBJECT),
            tuple(RuleId.SAS_2, Result.PASS, SUBJECT),
            tuple(RuleId.SAS_7, Result.PASS, SUBJECT),
            tuple(RuleId.SAS_4, Result.PASS, SUBJECT),
            tuple(RuleId.SAS_3, Result.PASS, SUBJECT));
    assertThat(check.readable()).isPresent();
  }

  @Nested
  class Sas1 {

    @Test
    void anAzureChinaStorageHostPasses() {
      assertThat(finding(good(), RuleId.SAS_1))
          .extracting(Finding::result, Finding::messageKey)
          .containsExactly(Result.PASS, "SAS-1.ok");
    }

    @Test
    void anyOtherHostFailsAndIsNeverContacted() {
      for (String host : List.of("https://isvstore.blob.core.windows.net",
          "https://blob.core.chinacloudapi.cn.attacker.example", "https://10.0.0.8",
          "https://.blob.core.chinacloudapi.cn")) {
        SasUriCheck check = checks.checkVhdUri(SUBJECT, good().replace(HOST, host), NOW);

        assertThat(check.findings()).filteredOn(f -> f.ruleId() == RuleId.SAS_1)
            .extracting(Finding::result, Finding::messageKey)
            .as(host).containsExactly(tuple(Result.FAIL, host.endsWith("chinacloudapi.cn")
                ? "SAS-1.not-a-uri" : "SAS-1.host-not-allowed"));
        assertThat(check.readable()).isEmpty();
      }
    }

    @Test
    void whatIsNoSasUriGivesOneFindingNamingTheField() {
      assertThat(checks.checkVhdUri("lun3", null, NOW).findings())
          .extracting(Finding::ruleId, Finding::result, Finding::subject, Finding::messageKey)
          .containsExactly(tuple(RuleId.SAS_1, Result.FAIL, "lun3", "SAS-1.missing"));
      assertThat(checks.checkVhdUri("lun3", HOST + "/vhds/os.vhd", NOW).findings())
          .extracting(Finding::messageKey).containsExactly("SAS-1.no-signature");
      assertThat(checks.checkVhdUri("lun3", "C:\\images\\os.vhd", NOW).findings())
          .extracting(Finding::messageKey).containsExactly("SAS-1.not-a-uri");
      assertThat(checks.checkVhdUri("lun3", HOST + "/vhds/os.vhd?se=soon&sig=abc", NOW).findings())
          .extracting(Finding::messageKey).containsExactly("SAS-1.bad-parameters");
    }
  }

  @Nested
  class Sas5 {

    @Test
    void httpsPasses() {
      assertThat(finding(good(), RuleId.SAS_5).result()).isEqualTo(Result.PASS);
    }

    @Test
    void httpIsAWarningWhereAllowed() {
      String http = good().replace("https://", "http://");

      assertThat(finding(http, RuleId.SAS_5))
          .extracting(Finding::result, Finding::messageKey)
          .containsExactly(Result.WARNING, "SAS-5.http-allowed");
      assertThat(check(http).readable()).isPresent();
    }

    @Test
    void httpFailsAndIsNotReadWhereNotAllowed() {
      StorageProperties httpsOnly = new StorageProperties(List.of(".blob.core.chinacloudapi.cn"), false,
          Duration.ofSeconds(2), 1, 4);
      SasUriChecks strict = new SasUriChecks(httpsOnly, TestCalendars.mainland());

      SasUriCheck check = strict.checkVhdUri(SUBJECT, good().replace("https://", "http://"), NOW);

      assertThat(check.findings()).filteredOn(f -> f.ruleId() == RuleId.SAS_5)
          .extracting(Finding::result, Finding::messageKey)
          .containsExactly(tuple(Result.FAIL, "SAS-5.http-refused"));
      assertThat(check.readable()).isEmpty();
    }
  }

  @Nested
  class Sas6 {

    @Test
    void aVhdFileNamePasses() {
      assertThat(finding(sas("/vhds/dir/OS-Disk_1.VHD", "rl", null, NOW.plus(Duration.ofDays(30))), RuleId.SAS_6))
          .extracting(Finding::result, Finding::args)
          .containsExactly(Result.PASS, List.of(SUBJECT, "OS-Disk_1.VHD"));
    }

    @Test
    void otherNamesFail() {
      Instant expiry = NOW.plus(Duration.ofDays(30));
      assertThat(finding(sas("/vhds/os.vhdx", "rl", null, expiry), RuleId.SAS_6).messageKey())
          .isEqualTo("SAS-6.not-vhd");
      assertThat(finding(sas("/vhds/.vhd", "rl", null, expiry), RuleId.SAS_6).messageKey())
          .isEqualTo("SAS-6.not-vhd");
      assertThat(finding(sas("/vhds/my%20disk.vhd", "rl", null, expiry), RuleId.SAS_6).messageKey())
          .isEqualTo("SAS-6.bad-characters");
      assertThat(finding(sas("/vhds/disk%2525.vhd", "rl", null, expiry), RuleId.SAS_6).messageKey())
          .isEqualTo("SAS-6.bad-characters");
      assertThat(finding(sas("/vhds/%22os%22.vhd", "rl", null, expiry), RuleId.SAS_6).messageKey())
          .isEqualTo("SAS-6.bad-characters");
      assertThat(finding(sas("/vhds", "rl", null, expiry), RuleId.SAS_6).messageKey())
          .isEqualTo("SAS-6.no-blob");
    }

    @Test
    void otherFilesAreNotAskedToBeVhds() {
      String results = sas("/vhds/results.json", "rl", null, NOW.plus(Duration.ofDays(30)));

      assertThat(checks.checkFileUri("windowsResults", results, NOW).findings())
          .extracting(Finding::ruleId)
          .containsExactly(RuleId.SAS_1, RuleId.SAS_5, RuleId.SAS_2, RuleId.SAS_7, RuleId.SAS_4, RuleId.SAS_3);
    }
  }

  @Nested
  class Sas2AndSas7 {

    private List<Finding> permissions(String sp) {
      return check(sas("/vhds/os.vhd", sp, null, NOW.plus(Duration.ofDays(30)))).findings().stream()
          .filter(f -> f.ruleId() == RuleId.SAS_2 || f.ruleId() == RuleId.SAS_7).toList();
    }

    @Test
    void readAndListPassBoth() {
      assertThat(permissions("rl")).extracting(Finding::ruleId, Finding::result, Finding::messageKey)
          .containsExactly(tuple(RuleId.SAS_2, Result.PASS, "SAS-2.ok"), tuple(RuleId.SAS_7, Result.PASS, "SAS-7.ok"));
    }

    @Test
    void writeAndDeleteFailBoth() {
      assertThat(permissions("rwdl"))
          .extracting(Finding::ruleId, Finding::result, Finding::messageKey, Finding::args)
          .containsExactly(
              tuple(RuleId.SAS_2, Result.FAIL, "SAS-2.write-permission", List.of(SUBJECT, "w, d")),
              tuple(RuleId.SAS_7, Result.FAIL, "SAS-7.not-rl", List.of(SUBJECT, "rwdl")));
      assertThat(permissions("racwdl")).first()
          .extracting(Finding::messageKey, Finding::args)
          .containsExactly("SAS-2.write-permission", List.of(SUBJECT, "a, c, w, d"));
    }

    @Test
    void readWithoutListFailsBoth() {
      assertThat(permissions("r"))
          .extracting(Finding::ruleId, Finding::result, Finding::messageKey, Finding::args)
          .containsExactly(
              tuple(RuleId.SAS_2, Result.FAIL, "SAS-2.missing-permission", List.of(SUBJECT, "l")),
              tuple(RuleId.SAS_7, Result.FAIL, "SAS-7.not-rl", List.of(SUBJECT, "r")));
    }

    @Test
    void theRightLettersInAnotherOrderOnlyFailTheExactForm() {
      assertThat(permissions("lr")).extracting(Finding::ruleId, Finding::result)
          .containsExactly(tuple(RuleId.SAS_2, Result.PASS), tuple(RuleId.SAS_7, Result.FAIL));
    }

    @Test
    void noPermissionsFailBoth() {
      assertThat(permissions(null)).extracting(Finding::ruleId, Finding::result, Finding::messageKey)
          .containsExactly(tuple(RuleId.SAS_2, Result.FAIL, "SAS-2.no-permissions"),
              tuple(RuleId.SAS_7, Result.FAIL, "SAS-7.not-rl"));
    }
  }

  @Nested
  class Sas4 {

    private Finding start(Instant start) {
      return finding(sas("/vhds/os.vhd", "rl", start, NOW.plus(Duration.ofDays(30))), RuleId.SAS_4);
    }

    @Test
    void noStartTimeIsFine() {
      assertThat(start(null)).extracting(Finding::result, Finding::messageKey)
          .containsExactly(Result.PASS, "SAS-4.no-start");
    }

    @Test
    void aStartFifteenMinutesAgoOrEarlierPasses() {
      assertThat(start(NOW.minus(Duration.ofMinutes(15))).result()).isEqualTo(Result.PASS);
      assertThat(start(NOW.minus(Duration.ofDays(1))).result()).isEqualTo(Result.PASS);
    }

    @Test
    void aStartLessThanFifteenMinutesAgoIsAWarning() {
      assertThat(start(NOW.minus(Duration.ofMinutes(5))))
          .extracting(Finding::result, Finding::messageKey, Finding::args)
          .containsExactly(Result.WARNING, "SAS-4.too-recent", List.of(SUBJECT, "2026-03-02 09:55 +08:00", 5L));
    }

    @Test
    void aStartStillAheadFails() {
      assertThat(start(NOW.plus(Duration.ofMinutes(1))))
          .extracting(Finding::result, Finding::messageKey)
          .containsExactly(Result.FAIL, "SAS-4.in-future");
    }
  }

  @Nested
  class Sas3 {

    private Finding expiry(Instant start, Instant expiry, Instant now) {
      String raw = sas("/vhds/os.vhd", "rl", start, expiry);
      return checks.checkVhdUri(SUBJECT, raw, now).findings().stream()
          .filter(f -> f.ruleId() == RuleId.SAS_3).findFirst().orElseThrow();
    }

    @Test
    void sevenBusinessDaysFromTheStartPass() {
      // Mon 2 March 10:00 + 7 business days = Wed 11 March 10:00
      assertThat(expiry(NOW, Instant.parse("2026-03-11T02:00:00Z"), NOW.plus(Duration.ofHours(1))))
          .extracting(Finding::result, Finding::messageKey, Finding::args)
          .containsExactly(Result.PASS, "SAS-3.ok", List.of(SUBJECT, "2026-03-11 10:00 +08:00", 7));
    }

    @Test
    void fewerBusinessDaysFail() {
      assertThat(expiry(NOW, Instant.parse("2026-03-11T01:59:00Z"), NOW.plus(Duration.ofHours(1))))
          .extracting(Finding::result, Finding::messageKey)
          .containsExactly(Result.FAIL, "SAS-3.too-short");
    }

    @Test
    void aHolidayDoesNotCountEvenWhenTheCalendarDaysWouldBeEnough() {
      // Thu 24 Sep 2026, 10:00; Mid-Autumn 25-27 Sep and National Day 1-7 Oct are holidays, Sat 10 Oct
      // is a make-up working day: the 7th business day is Mon 12 Oct
      Instant start = Instant.parse("2026-09-24T02:00:00Z");
      Instant fifteenDaysLater = Instant.parse("2026-10-09T02:00:00Z");

      assertThat(expiry(start, fifteenDaysLater, start.plus(Duration.ofMinutes(30))))
          .extracting(Finding::result, Finding::messageKey, Finding::args)
          .containsExactly(Result.FAIL, "SAS-3.too-short",
              List.of(SUBJECT, "2026-10-09 10:00 +08:00", 5, "2026-10-12 10:00 +08:00"));
      assertThat(expiry(start, Instant.parse("2026-10-12T02:00:00Z"), start).result()).isEqualTo(Result.PASS);
    }

    @Test
    void withoutStartTimeTheSasCountsFromNow() {
      assertThat(expiry(null, Instant.parse("2026-03-11T02:00:00Z"), NOW).result()).isEqualTo(Result.PASS);
      assertThat(expiry(null, Instant.parse("2026-03-11T02:00:00Z"), NOW.plus(Duration.ofDays(1))).result())
          .isEqualTo(Result.FAIL);
    }

    @Test
    void anExpiredSasFails() {
      assertThat(expiry(NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofMinutes(1)), NOW))
          .extracting(Finding::result, Finding::messageKey)
          .containsExactly(Result.FAIL, "SAS-3.expired");
    }

    @Test
    void aSasWithoutExpiryFails() {
      assertThat(expiry(NOW.minus(Duration.ofDays(1)), null, NOW))
          .extracting(Finding::result, Finding::messageKey)
          .containsExactly(Result.FAIL, "SAS-3.no-expiry");
    }
  }
}
