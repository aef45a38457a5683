package cn.marketplace.onboarding.release;

import static cn.marketplace.onboarding.rules.Finding.fail;
import static cn.marketplace.onboarding.rules.Finding.pass;

import cn.marketplace.onboarding.submission.SubmissionChecks;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * NEXT-1: the marketing content and pricing a release needs. Title, summary and description in
 * zh-CN and en, plain text; the trial length when the offer has free-trial SKUs, and none otherwise
 * (PRICE-3). Every field gives a finding, so the publisher fixes everything at once.
 */
final class ReleaseContentChecks {

  static final int MAX_TITLE = 100;
  static final int MAX_SUMMARY = 200;
  static final int MAX_DESCRIPTION = 4000;

  private ReleaseContentChecks() {}

  /** The content of a normalized form, for an offer whose SKUs have {@code pricingModels}. */
  static List<Finding> check(ReleaseForm form, Collection<String> pricingModels) {
    List<Finding> findings = new ArrayList<>();
    SubmissionChecks.text(findings, "titleZh", form.titleZh(), MAX_TITLE, RuleId.NEXT_1);
    SubmissionChecks.text(findings, "titleEn", form.titleEn(), MAX_TITLE, RuleId.NEXT_1);
    SubmissionChecks.text(findings, "summaryZh", form.summaryZh(), MAX_SUMMARY, RuleId.NEXT_1);
    SubmissionChecks.text(findings, "summaryEn", form.summaryEn(), MAX_SUMMARY, RuleId.NEXT_1);
    SubmissionChecks.text(findings, "descriptionZh", form.descriptionZh(), MAX_DESCRIPTION, RuleId.NEXT_1);
    SubmissionChecks.text(findings, "descriptionEn", form.descriptionEn(), MAX_DESCRIPTION, RuleId.NEXT_1);
    trialDays(findings, form.trialDays(), pricingModels);
    return findings;
  }

  private static void trialDays(List<Finding> findings, Integer days, Collection<String> pricingModels) {
    int min = SubmissionChecks.MIN_TRIAL_DAYS;
    int max = SubmissionChecks.MAX_TRIAL_DAYS;
    if (!pricingModels.contains("freeTrial")) {
      if (days != null) {
        findings.add(fail(RuleId.PRICE_3, "trialDays", "PRICE-3.trial-not-applicable", "trialDays",
            String.join(", ", new TreeSet<>(pricingModels))));
      }
    } else if (days == null) {
      findings.add(fail(RuleId.PRICE_3, "trialDays", "PRICE-3.trial-required", "trialDays", min, max));
    } else if (days < min || days > max) {
      findings.add(fail(RuleId.PRICE_3, "trialDays", "PRICE-3.trial-range", "trialDays", days, min, max));
    } else {
      findings.add(pass(RuleId.PRICE_3, "trialDays", "PRICE-3.ok", "trialDays", days));
    }
  }
}
