package cn.marketplace.onboarding.submission;

import cn.marketplace.onboarding.engine.Refusal;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleMessages;
import java.util.Locale;
import java.util.Map;

/**
 * A submission or fix naming a generation or architecture the marketplace does not offer (IMG-TYPE-1):
 * refused before anything is stored, as problem+json on our API and as a form error in Tasklist.
 */
public class InvalidImageTypeException extends Refusal {

  private final Finding finding;

  InvalidImageTypeException(Finding finding) {
    super(finding.subject(), Kind.INVALID, "invalid-image-type", "Invalid image type",
        RuleMessages.render(finding, RuleMessages.EN));
    this.finding = finding;
  }

  @Override
  public String detail(Locale locale) {
    return RuleMessages.render(finding, locale);
  }

  /** The field and the rule, for clients that act on them. */
  @Override
  public Map<String, Object> properties(Locale locale) {
    return Map.of("field", finding.subject(), "rule", finding.ruleId().id());
  }
}
