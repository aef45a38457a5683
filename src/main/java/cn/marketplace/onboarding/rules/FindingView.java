package cn.marketplace.onboarding.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A finding as the API and mails show it: {@code ruleId}, {@code result},
 * {@code subject}, {@code message} in the reader's language, plus the message in every language
 * and the evidence; {@code policy} the certification policy that judged it ({@code azure-current v1}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FindingView(
    String ruleId, Result result, String subject, String message, Map<String, String> messages,
    String evidence, String policy) {

  public static FindingView of(Finding finding, Locale locale) {
    return new FindingView(finding.ruleId().id(), finding.result(), finding.subject(),
        RuleMessages.render(finding, locale), RuleMessages.renderAll(finding), finding.evidence(),
        finding.policy() == null ? null : finding.policy().toString());
  }

  public static List<FindingView> of(Collection<Finding> findings, Locale locale) {
    return Findings.sorted(findings).stream().map(f -> of(f, locale)).toList();
  }
}
