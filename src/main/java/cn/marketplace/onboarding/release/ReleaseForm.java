package cn.marketplace.onboarding.release;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a publisher gives to release an offer (NEXT-1): the offer, its marketing content in both
 * languages, and the trial length for its free-trial SKUs. The start form, the fix form and
 * {@code POST /api/releases} carry these fields.
 */
public record ReleaseForm(String offerId, String titleZh, String titleEn, String summaryZh, String summaryEn,
    String descriptionZh, String descriptionEn, Integer trialDays) {

  /** The marketing content's variable names; the offer's id stays on the instance. */
  public static final List<String> CONTENT_FIELDS =
      List.of("titleZh", "titleEn", "summaryZh", "summaryEn", "descriptionZh", "descriptionEn", "trialDays");

  /** Values stripped, empty ones null. */
  public ReleaseForm normalized() {
    return new ReleaseForm(clean(offerId), clean(titleZh), clean(titleEn), clean(summaryZh), clean(summaryEn),
        clean(descriptionZh), clean(descriptionEn), trialDays);
  }

  public static ReleaseForm fromVariables(Map<String, Object> variables) {
    return new ReleaseForm(string(variables.get("offerId")), string(variables.get("titleZh")),
        string(variables.get("titleEn")), string(variables.get("summaryZh")), string(variables.get("summaryEn")),
        string(variables.get("descriptionZh")), string(variables.get("descriptionEn")),
        days(variables.get("trialDays")));
  }

  /** This form with the content fields that {@code changes} holds (a fix) in place of its own. */
  public ReleaseForm withContent(Map<String, Object> changes) {
    Map<String, Object> merged = contentVariables();
    CONTENT_FIELDS.stream().filter(changes::containsKey).forEach(field -> merged.put(field, changes.get(field)));
    merged.put("offerId", offerId);
    return fromVariables(merged);
  }

  /** The content as task variables, for the forms that show or edit it. */
  public Map<String, Object> contentVariables() {
    Map<String, Object> variables = new HashMap<>();
    variables.put("titleZh", titleZh);
    variables.put("titleEn", titleEn);
    variables.put("summaryZh", summaryZh);
    variables.put("summaryEn", summaryEn);
    variables.put("descriptionZh", descriptionZh);
    variables.put("descriptionEn", descriptionEn);
    variables.put("trialDays", trialDays);
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
