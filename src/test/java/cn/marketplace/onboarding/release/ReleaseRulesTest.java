package cn.marketplace.onboarding.release;

import cn.marketplace.onboarding.calendar.ReleaseProperties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import cn.marketplace.onboarding.calendar.TestCalendars;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.Findings;
import cn.marketplace.onboarding.rules.Result;
import cn.marketplace.onboarding.rules.RuleId;
import cn.marketplace.onboarding.rules.RuleMessages;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The release rules that need no engine: release times (REL-1) and marketing content (NEXT-1, PRICE-3). */
class ReleaseRulesTest {

  private static final Instant NOW = OffsetDateTime.parse("2026-02-02T10:00+08:00").toInstant();
  private final ReleaseTimes times = new ReleaseTimes(TestCalendars.mainland(), new ReleaseProperties(List.of(
      new ReleaseProperties.FreezePeriod("Spring Festival 2026", LocalDate.of(2026, 2, 9), LocalDate.of(2026, 2, 27)))));

  @Test
  void rel1AReleaseTimeIsInTheFutureInWorkingHoursOfABusinessDayAndOutsideEveryFreeze() {
    assertThat(messageKey("2026-02-03T09:00+08:00")).isEqualTo("REL-1.ok");
    assertThat(messageKey("2026-02-03T01:00Z")).as("09:00 in Beijing").isEqualTo("REL-1.ok");
    assertThat(messageKey("2026-02-03T14:30")).as("Beijing time when no offset is given").isEqualTo("REL-1.ok");
    assertThat(messageKey("2026-02-28T10:00+08:00")).as("a make-up working Saturday after the freeze")
        .isEqualTo("REL-1.ok");
    assertThat(messageKey("2026-02-02T09:59+08:00")).isEqualTo("REL-1.past");
    assertThat(messageKey("2026-02-03T18:00+08:00")).as("work ends at 18:00").isEqualTo("REL-1.outside-working-time");
    assertThat(messageKey("2026-02-07T10:00+08:00")).as("Saturday").isEqualTo("REL-1.outside-working-time");
    assertThat(messageKey("2026-04-06T10:00+08:00")).as("Qingming").isEqualTo("REL-1.outside-working-time");
    assertThat(messageKey("2026-02-09T10:00+08:00")).as("first day of the freeze").isEqualTo("REL-1.freeze");
    assertThat(messageKey("2026-02-27T10:00+08:00")).as("last day of the freeze").isEqualTo("REL-1.freeze");
    assertThat(messageKey("tomorrow at ten")).isEqualTo("REL-1.format");
    assertThat(messageKey(null)).isEqualTo("REL-1.format");

    ReleaseTimes.Checked frozen = times.check("2026-02-12T10:00+08:00", NOW);
    assertThat(frozen.at()).contains(OffsetDateTime.parse("2026-02-12T10:00+08:00").toInstant());
    assertThat(RuleMessages.render(frozen.finding(), RuleMessages.EN)).isEqualTo("[REL-1] releaseAt: 2026-02-12 10:00 "
        + "+08:00 falls in the release freeze \"Spring Festival 2026\" (2026-02-09 to 2026-02-27). Choose a time outside it.");
    assertThat(times.iso(frozen.at().orElseThrow())).isEqualTo("2026-02-12T10:00+08:00");
  }

  @Test
  void next1TheContentInBothLanguagesAndATrialLengthOnlyForFreeTrials() {
    ReleaseForm complete = new ReleaseForm("contoso-db", "康托索数据库", "Contoso DB", "摘要", "Summary", "描述",
        "Description", 30);
    assertThat(Findings.anyFailed(ReleaseContentChecks.check(complete, Set.of("byol", "freeTrial")))).isFalse();
    assertThat(ReleaseContentChecks.check(complete, Set.of("byol", "freeTrial")))
        .filteredOn(f -> f.ruleId() == RuleId.NEXT_1).hasSize(6).allMatch(f -> f.result() == Result.PASS);

    ReleaseForm bad = new ReleaseForm("contoso-db", null, "<b>Contoso</b>", "摘要", "x".repeat(201), "描述",
        "Description", null).normalized();
    assertThat(Findings.failures(ReleaseContentChecks.check(bad, Set.of("freeTrial"))))
        .extracting(Finding::subject, Finding::ruleId, Finding::messageKey)
        .containsExactly(tuple("titleZh", RuleId.NEXT_1, "submission.required"),
            tuple("titleEn", RuleId.NEXT_1, "submission.markup"),
            tuple("summaryEn", RuleId.NEXT_1, "submission.too-long"),
            tuple("trialDays", RuleId.PRICE_3, "PRICE-3.trial-required"));
    assertThat(Findings.failures(ReleaseContentChecks.check(complete, Set.of("byol", "free"))))
        .extracting(Finding::messageKey).containsExactly("PRICE-3.trial-not-applicable");
    ReleaseForm tooLong = new ReleaseForm("contoso-db", "标题", "Title", "摘要", "Summary", "描述", "Description", 181);
    assertThat(Findings.failures(ReleaseContentChecks.check(tooLong, Set.of("freeTrial"))))
        .extracting(Finding::messageKey).containsExactly("PRICE-3.trial-range");
  }

  @Test
  void everyReleaseMessageExistsInBothLanguages() {
    for (String key : List.of("ACT-1.not-active", "OFFER-1.not-certified", "OFFER-1.release-open", "PRICE-5.retired",
        "PRICE-5.live-model", "SKU-4.summary-locked", "STG-1.comment-required", "STG-3.window-required", "REL-1.freeze",
        "REL-1.outside-working-time", "REL-1.not-withdrawable")) {
      assertThat(RuleMessages.text(key, RuleMessages.EN, "field", "a", "b", "c", "d")).as(key).doesNotContain(key);
      assertThat(RuleMessages.text(key, RuleMessages.ZH_CN, "field", "a", "b", "c", "d")).as(key)
          .isNotEqualTo(RuleMessages.text(key, RuleMessages.EN, "field", "a", "b", "c", "d"));
    }
  }

  private String messageKey(String releaseAt) {
    return times.check(releaseAt, NOW).finding().messageKey();
  }
}
