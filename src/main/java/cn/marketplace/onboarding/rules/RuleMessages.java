package cn.marketplace.onboarding.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Renders findings in the two languages of the product from the {@code messages/*} bundles.
 * A plain object (no Spring context needed), so checks are tested without the engine.
 */
public final class RuleMessages {

  public static final Locale ZH_CN = Locale.SIMPLIFIED_CHINESE;
  public static final Locale EN = Locale.ENGLISH;
  public static final List<Locale> LANGUAGES = List.of(ZH_CN, EN);

  private static final ResourceBundleMessageSource SOURCE = new ResourceBundleMessageSource();

  static {
    // one bundle per feature, so that features add their messages without touching each other's
    SOURCE.setBasenames("messages/rules", "messages/application", "messages/activation",
        "messages/image", "messages/offer", "messages/certification", "messages/release",
        "messages/imagetype");
    SOURCE.setDefaultEncoding("UTF-8");
    SOURCE.setFallbackToSystemLocale(false);
    SOURCE.setUseCodeAsDefaultMessage(false);
  }

  private RuleMessages() {}

  /** {@code zh-CN} or {@code en} (anything else is taken as en). */
  public static Locale locale(String language) {
    return "zh-CN".equalsIgnoreCase(language) || "zh".equalsIgnoreCase(language) ? ZH_CN : EN;
  }

  public static String tag(Locale locale) {
    return ZH_CN.equals(locale) ? "zh-CN" : "en";
  }

  /** The finding's message, prefixed by its rule ID so that every message names its rule. */
  public static String render(Finding finding, Locale locale) {
    String text = SOURCE.getMessage(finding.messageKey(), finding.args().toArray(), locale);
    return "[" + finding.ruleId().id() + "] " + text;
  }

  public static String text(String key, Locale locale, Object... args) {
    return SOURCE.getMessage(key, args, locale);
  }

  /** The message in every language, keyed by language tag. */
  public static Map<String, String> renderAll(Finding finding) {
    Map<String, String> all = new LinkedHashMap<>();
    for (Locale locale : LANGUAGES) {
      all.put(tag(locale), render(finding, locale));
    }
    return all;
  }
}
