package cn.marketplace.onboarding.application;

import cn.marketplace.onboarding.engine.Refusal;
import cn.marketplace.onboarding.rules.RuleMessages;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An application that breaks rules. A {@link Refusal}, so that a start from
 * Tasklist is refused with a 400 and this message, and no instance is created.
 */
public class InvalidApplicationException extends Refusal {

  private final transient List<FieldError> errors;

  public InvalidApplicationException(List<FieldError> errors, Locale locale) {
    super(errors.stream().map(FieldError::field).toList().toString(), Kind.INVALID, "invalid-application",
        "Invalid application", describe(errors, locale));
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }

  @Override
  public String detail(Locale locale) {
    return "The application has " + errors.size() + " invalid field(s).";
  }

  @Override
  public Map<String, Object> properties(Locale locale) {
    return Map.of("errors", errors.stream()
        .map(error -> Map.of("field", error.field(), "ruleId", error.ruleId().id(),
            "message", render(error, locale),
            "messageZh", render(error, RuleMessages.ZH_CN),
            "messageEn", render(error, RuleMessages.EN)))
        .toList());
  }

  public static String render(FieldError error, Locale locale) {
    return "[" + error.ruleId().id() + "] " + RuleMessages.text(error.messageKey(), locale, error.args());
  }

  private static String describe(List<FieldError> errors, Locale locale) {
    return errors.stream()
        .map(e -> e.field() + ": " + render(e, locale))
        .collect(Collectors.joining("; ", "The application is not valid: ", ""));
  }
}
