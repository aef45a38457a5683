package cn.marketplace.onboarding.rules;

/** How a broken rule affects a submission, as the rule catalogue (docs/rules.md) grades it. */
public enum Severity {
  /** Stops the submission with an actionable message. */
  BLOCK,
  /** Lets it go on, but tells the ISV and the reviewer. */
  WARN,
  /** Routes it to a human decision. */
  REVIEW,
  /** Guidance only. */
  INFO
}
