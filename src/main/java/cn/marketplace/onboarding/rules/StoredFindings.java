package cn.marketplace.onboarding.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * Findings as one column ({@code submission.findings}, {@code certification_report.findings}): a JSON
 * array in the findings' order, each with its message key and arguments, so that it renders in every
 * language later. One column instead of a row per finding: a check writes dozens of findings at once
 * and always reads them together.
 */
public final class StoredFindings {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<Stored>> LIST = new TypeReference<>() {};

  /** One finding as stored; the arguments are texts, numbers and booleans. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Stored(String ruleId, String result, String subject, String messageKey, List<Object> args,
      String evidence, String policyId, String policyVersion) {

    static Stored of(Finding finding) {
      return new Stored(finding.ruleId().id(), finding.result().value(), finding.subject(), finding.messageKey(),
          finding.args().stream()
              .map(arg -> arg instanceof Number || arg instanceof Boolean ? arg : String.valueOf(arg)).toList(),
          finding.evidence(),
          finding.policy() == null ? null : finding.policy().id(),
          finding.policy() == null ? null : finding.policy().version());
    }

    Finding toFinding() {
      return new Finding(RuleId.of(ruleId), Result.of(result), subject, messageKey, args, evidence,
          policyId == null ? null : new PolicyRef(policyId, policyVersion));
    }
  }

  private StoredFindings() {}

  public static String toJson(List<Finding> findings) {
    try {
      return JSON.writeValueAsString(findings.stream().map(Stored::of).toList());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot store findings", e);
    }
  }

  /** The findings of a column; none when it is null (nothing checked yet). */
  public static List<Finding> fromJson(String json) {
    if (json == null) {
      return List.of();
    }
    try {
      return JSON.readValue(json, LIST).stream().map(Stored::toFinding).toList();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored findings are not JSON", e);
    }
  }
}
