package cn.marketplace.onboarding.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.List;

/**
 * A finding as a row of a table ({@code submission_finding}, {@code certification_finding}): the message
 * key with its arguments as JSON, so that it renders in every language later.
 */
@Embeddable
public class StoredFinding {

  private static final ObjectMapper JSON = new ObjectMapper();

  private String ruleId;
  private String result;
  private String subject;
  private String messageKey;
  /** The message's arguments, a JSON array of texts and numbers. */
  @Column(length = 4000)
  private String args;
  private String evidence;
  /** The certification policy that judged the finding, null for a form's rules. */
  private String policyId;
  private String policyVersion;

  protected StoredFinding() {}

  public static StoredFinding of(Finding finding) {
    StoredFinding stored = new StoredFinding();
    stored.ruleId = finding.ruleId().id();
    stored.result = finding.result().value();
    stored.subject = finding.subject();
    stored.messageKey = finding.messageKey();
    stored.evidence = finding.evidence();
    if (finding.policy() != null) {
      stored.policyId = finding.policy().id();
      stored.policyVersion = finding.policy().version();
    }
    try {
      stored.args = JSON.writeValueAsString(finding.args().stream()
          .map(arg -> arg instanceof Number || arg instanceof Boolean ? arg : String.valueOf(arg)).toList());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot store the arguments of " + finding.messageKey(), e);
    }
    return stored;
  }

  public Finding toFinding() {
    try {
      List<Object> values = JSON.readValue(args, new TypeReference<>() {});
      return new Finding(RuleId.of(ruleId), Result.of(result), subject, messageKey, values, evidence,
          policyId == null ? null : new PolicyRef(policyId, policyVersion));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored finding arguments are not JSON: " + messageKey, e);
    }
  }
}
