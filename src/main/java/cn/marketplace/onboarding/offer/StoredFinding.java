package cn.marketplace.onboarding.offer;

import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.Result;
import cn.marketplace.onboarding.rules.RuleId;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.List;

/** One finding of a submission's last check, as the {@code submission_finding} table keeps it. */
@Embeddable
class StoredFinding {

  private static final ObjectMapper JSON = new ObjectMapper();

  private String ruleId;
  private String result;
  private String subject;
  private String messageKey;
  /** The message's arguments, a JSON array of texts and numbers. */
  @Column(length = 4000)
  private String args;
  private String evidence;

  protected StoredFinding() {}

  static StoredFinding of(Finding finding) {
    StoredFinding stored = new StoredFinding();
    stored.ruleId = finding.ruleId().id();
    stored.result = finding.result().value();
    stored.subject = finding.subject();
    stored.messageKey = finding.messageKey();
    stored.evidence = finding.evidence();
    try {
      stored.args = JSON.writeValueAsString(finding.args().stream()
          .map(arg -> arg instanceof Number || arg instanceof Boolean ? arg : String.valueOf(arg)).toList());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot store the arguments of " + finding.messageKey(), e);
    }
    return stored;
  }

  Finding toFinding() {
    try {
      List<Object> values = JSON.readValue(args, new TypeReference<>() {});
      return new Finding(RuleId.of(ruleId), Result.of(result), subject, messageKey, values, evidence);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored finding arguments are not JSON: " + messageKey, e);
    }
  }
}
