package cn.marketplace.onboarding.release;

import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleMessages;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import cn.marketplace.onboarding.engine.Refusal;
import cn.marketplace.onboarding.rules.FindingView;
import cn.marketplace.onboarding.rules.Findings;
import java.util.Map;

/**
 * A release step that can't be taken, with the rules that say why. A {@link Refusal},
 * so that a start or a task completion from Tasklist or the engine REST API is refused with 400 and the
 * message, and leaves nothing behind; our API answers it as problem+json with every finding.
 */
public class ReleaseRefusedException extends Refusal {

  public enum Reason {
    /** The caller belongs to no publisher, or is not allowed this step. */
    FORBIDDEN(Kind.FORBIDDEN),
    /** ACT-1: the publisher has not activated publishing. */
    NOT_ACTIVE(Kind.FORBIDDEN),
    /** No such offer or release that the caller may see. */
    NOT_FOUND(Kind.NOT_FOUND),
    /** The offer or the release is not in a state for this (OFFER-1, PRICE-5, one release at a time, REL-1). */
    CONFLICT(Kind.CONFLICT),
    /** A field is wrong (NEXT-1, PRICE-3, STG-*, REL-1): the findings name it. */
    INVALID(Kind.INVALID);

    private final Kind kind;

    Reason(Kind kind) {
      this.kind = kind;
    }
  }

  private final Reason reason;
  private final List<Finding> findings;

  ReleaseRefusedException(Reason reason, List<Finding> findings, Locale locale) {
    super(reason.name(), reason.kind, "release-refused", "Release refused", findings.stream().filter(Finding::failed).map(f -> RuleMessages.render(f, locale))
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

  @Override
  public String detail(Locale locale) {
    return failures(locale).stream().map(FindingView::message).collect(Collectors.joining("\n"));
  }

  @Override
  public Map<String, Object> properties(Locale locale) {
    return Map.of("reason", reason.name(), "findings", failures(locale));
  }

  private List<FindingView> failures(Locale locale) {
    return FindingView.of(Findings.failures(findings), locale);
  }
}
