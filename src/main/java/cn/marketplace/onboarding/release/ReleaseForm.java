package cn.marketplace.onboarding.release;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import cn.marketplace.onboarding.process.OfferReleaseProcess;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a publisher gives to release an offer (NEXT-1): the offer, its marketing content in both
 * languages, and the trial length for its free-trial SKUs. The start form, the fix form and
 * {@code POST /api/releases} carry these fields.
 */
@Schema(description = "An offer to release with its marketing content in both languages (NEXT-1)")
public record ReleaseForm(
    @Schema(requiredMode = REQUIRED, description = "A certified offer of your publisher (OFFER-1)", example = "contoso-db")
    String offerId,
    @Schema(requiredMode = REQUIRED, maxLength = 100, example = "Contoso 数据库") String titleZh,
    @Schema(requiredMode = REQUIRED, maxLength = 100, example = "Contoso DB") String titleEn,
    @Schema(requiredMode = REQUIRED, maxLength = 200, example = "开箱即用的 Contoso 数据库") String summaryZh,
    @Schema(requiredMode = REQUIRED, maxLength = 200, example = "Contoso DB, ready to run") String summaryEn,
    @Schema(requiredMode = REQUIRED, maxLength = 4000, example = "在 Ubuntu 上预装并调优的 Contoso 数据库。")
    String descriptionZh,
    @Schema(requiredMode = REQUIRED, maxLength = 4000, example = "Contoso DB installed and tuned on Ubuntu.")
    String descriptionEn,
    @Schema(description = "Days of the free trial: when the offer has freeTrial SKUs, and only then (PRICE-3)",
        minimum = "1", maximum = "180") Integer trialDays) {

  /** The marketing content's variable names; the offer's id stays on the instance. */
  public static final List<String> CONTENT_FIELDS =
      List.of(OfferReleaseProcess.TITLE_ZH, OfferReleaseProcess.TITLE_EN, OfferReleaseProcess.SUMMARY_ZH, OfferReleaseProcess.SUMMARY_EN, OfferReleaseProcess.DESCRIPTION_ZH, OfferReleaseProcess.DESCRIPTION_EN, OfferReleaseProcess.TRIAL_DAYS);

  /** Values stripped, empty ones null. */
  public ReleaseForm normalized() {
    return new ReleaseForm(clean(offerId), clean(titleZh), clean(titleEn), clean(summaryZh), clean(summaryEn),
        clean(descriptionZh), clean(descriptionEn), trialDays);
  }

  public static ReleaseForm fromVariables(Map<String, Object> variables) {
    return new ReleaseForm(string(variables.get(OfferReleaseProcess.OFFER_ID)), string(variables.get(OfferReleaseProcess.TITLE_ZH)),
        string(variables.get(OfferReleaseProcess.TITLE_EN)), string(variables.get(OfferReleaseProcess.SUMMARY_ZH)), string(variables.get(OfferReleaseProcess.SUMMARY_EN)),
        string(variables.get(OfferReleaseProcess.DESCRIPTION_ZH)), string(variables.get(OfferReleaseProcess.DESCRIPTION_EN)),
        days(variables.get(OfferReleaseProcess.TRIAL_DAYS)));
  }

  /** This form with the content fields that {@code changes} holds (a fix) in place of its own. */
  public ReleaseForm withContent(Map<String, Object> changes) {
    Map<String, Object> merged = contentVariables();
    CONTENT_FIELDS.stream().filter(changes::containsKey).forEach(field -> merged.put(field, changes.get(field)));
    merged.put(OfferReleaseProcess.OFFER_ID, offerId);
    return fromVariables(merged);
  }

  /** The content as task variables, for the forms that show or edit it. */
  public Map<String, Object> contentVariables() {
    Map<String, Object> variables = new HashMap<>();
    variables.put(OfferReleaseProcess.TITLE_ZH, titleZh);
    variables.put(OfferReleaseProcess.TITLE_EN, titleEn);
    variables.put(OfferReleaseProcess.SUMMARY_ZH, summaryZh);
    variables.put(OfferReleaseProcess.SUMMARY_EN, summaryEn);
    variables.put(OfferReleaseProcess.DESCRIPTION_ZH, descriptionZh);
    variables.put(OfferReleaseProcess.DESCRIPTION_EN, descriptionEn);
    variables.put(OfferReleaseProcess.TRIAL_DAYS, trialDays);
    return variables;
  }

  private static String string(Object value) {
    return value == null ? null : value.toString();
  }

  /** Forms send numbers as Long or Double, JSON as Integer, a text field as a String. */
  private static Integer days(Object value) {
    if (value instanceof Number number) {
      return number.intValue();
    }
    String text = clean(string(value));
    if (text == null) {
      return null;
    }
    try {
      return Integer.valueOf(text);
    } catch (NumberFormatException e) {
      // an unreadable length is as good as none: the checks ask for one
      return null;
    }
  }

  private static String clean(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
