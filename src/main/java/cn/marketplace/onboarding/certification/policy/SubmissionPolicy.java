package cn.marketplace.onboarding.certification.policy;

import cn.marketplace.onboarding.persistence.AssignedIdEntity;
import cn.marketplace.onboarding.rules.PolicyRef;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * The certification policy a submission is checked against: the one in force when its certification
 * first ran, kept for every re-check, until the support team moves it on ({@code movedBy}).
 */
@Table("submission_certification_policy")
public class SubmissionPolicy extends AssignedIdEntity {

  @Id
  private String submissionId;
  private String policyId;
  private String policyVersion;
  private Instant assignedAt;
  /** The support user who moved the submission to this policy; null when its first run chose it. */
  private String movedBy;

  protected SubmissionPolicy() {}

  SubmissionPolicy(String submissionId, PolicyRef policy, Instant assignedAt) {
    this.submissionId = submissionId;
    this.policyId = policy.id();
    this.policyVersion = policy.version();
    this.assignedAt = assignedAt;
  }

  void moveTo(PolicyRef policy, String supportUser, Instant now) {
    this.policyId = policy.id();
    this.policyVersion = policy.version();
    this.assignedAt = now;
    this.movedBy = supportUser;
  }

  public PolicyRef policy() {
    return new PolicyRef(policyId, policyVersion);
  }

  @Override
  public String getId() { return submissionId; }
  public Instant getAssignedAt() { return assignedAt; }
  public String getMovedBy() { return movedBy; }
}
