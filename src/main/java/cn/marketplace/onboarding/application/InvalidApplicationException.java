package cn.marketplace.onboarding.application;

import cn.marketplace.onboarding.rules.RuleMessages;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import cn.marketplace.onboarding.engine.Refusal;
import java.util.Map;

/**
 * An application that breaks rules. A {@link Refusal}, so that a start from
 * Tasklist is refused with a 400 and this message, and no instance is created.
 */
public class InvalidApplicationException extends Refusal {

  private final transient List<FieldError> errors;
  private final boolean conflict;

  public InvalidApplicationException(List<FieldError> errors, Locale locale) {
    this(errors, locale, false);
  }

  InvalidApplicationException(List<FieldError> errors, Locale locale, boolean conflict) {
    super(errors.stream().map(FieldError::field).toList().toString(), conflict ? Kind.CONFLICT : Kind.INVALID,
        conflict ? "duplicate-application" : "invalid-application",
        conflict ? "Duplicate application" : "Invalid application", describe(errors, locale));
    this.errors = List.copyOf(errors);
    this.conflict = conflict;
  }

  public List<FieldError> errors() {
    return errors;
  }

  /** A second application for the same company, rather than a bad field. */
  public boolean isConflict() {
    return conflict;
  }

  @Override
  public String detail(Locale locale) {
    return conflict ? "An application for this company is already open or approved."
        : "The application has " + errors.size() + " invalid field(s).";
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
