package cn.marketplace.onboarding.release;

import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleMessages;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A release step that can't be taken, with the rules that say why. A {@link FormFieldValidationException},
 * so that a start or a task completion from Tasklist or the engine REST API is refused with 400 and the
 * message, and leaves nothing behind; our API answers it as problem+json with every finding.
 */
public class ReleaseRefusedException extends FormFieldValidationException {

  public enum Reason {
    /** The caller belongs to no publisher, or is not allowed this step. */
    FORBIDDEN,
    /** ACT-1: the publisher has not activated publishing. */
    NOT_ACTIVE,
    /** No such offer or release that the caller may see. */
    NOT_FOUND,
    /** The offer or the release is not in a state for this (OFFER-1, PRICE-5, one release at a time, REL-1). */
    CONFLICT,
    /** A field is wrong (NEXT-1, PRICE-3, STG-*, REL-1): the findings name it. */
    INVALID
  }

  private final Reason reason;
  private final List<Finding> findings;

  ReleaseRefusedException(Reason reason, List<Finding> findings, Locale locale) {
    super(reason.name(), findings.stream().filter(Finding::failed).map(f -> RuleMessages.render(f, locale))
        .collect(Collectors.joining("\n")));
    this.reason = reason;
    this.findings = List.copyOf(findings);
  }

  public Reason reason() {
    return reason;
  }

  /** What was checked, passes included. */
  public List<Finding> findings() {
    return findings;
  }
}
