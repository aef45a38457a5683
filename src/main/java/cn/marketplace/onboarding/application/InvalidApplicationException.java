package cn.marketplace.onboarding.application;

import cn.marketplace.onboarding.rules.RuleMessages;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * An application that breaks rules. A {@link FormFieldValidationException}, so that a start from
 * Tasklist is refused with a 400 and this message, and no instance is created.
 */
public class InvalidApplicationException extends FormFieldValidationException {

  private final transient List<FieldError> errors;

  public InvalidApplicationException(List<FieldError> errors, Locale locale) {
    super(errors.stream().map(FieldError::field).toList().toString(), describe(errors, locale));
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
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
