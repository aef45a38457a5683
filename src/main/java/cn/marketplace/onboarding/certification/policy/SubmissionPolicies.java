package cn.marketplace.onboarding.certification.policy;

import cn.marketplace.onboarding.rules.PolicyRef;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which policy each submission is certified against: chosen by the schedule when its certification
 * first runs, then kept, so that a re-check after a fix is judged as the first run was.
 */
@Service
public class SubmissionPolicies {

  private static final Logger log = LoggerFactory.getLogger(SubmissionPolicies.class);

  private final SubmissionPolicyRepository assignments;
  private final PolicySchedule schedule;
  private final CertificationPolicies policies;

  public SubmissionPolicies(SubmissionPolicyRepository assignments, PolicySchedule schedule,
      CertificationPolicies policies) {
    this.assignments = assignments;
    this.schedule = schedule;
    this.policies = policies;
  }

  /** The submission's policy, recording the one in force at {@code now} on its first certification run. */
  @Transactional(propagation = Propagation.MANDATORY)
  public CertificationPolicy forCertification(String submissionId, Instant now) {
    SubmissionPolicy assignment = assignments.findById(submissionId).orElseGet(() -> {
      CertificationPolicy inForce = schedule.inForce(now);
      log.info("Submission {} is certified against {}", submissionId, inForce.ref());
      return assignments.save(new SubmissionPolicy(submissionId, inForce.ref(), now));
    });
    return policies.get(assignment.policy());
  }

  /**
   * The policy a check of the submission judges by: its recorded one once it has one (a re-check after
   * a fix is judged as before), else the one in force at {@code now}, not recorded yet.
   */
  @Transactional(readOnly = true)
  public CertificationPolicy forChecks(String submissionId, Instant now) {
    return assignments.findById(submissionId).map(assignment -> policies.get(assignment.policy()))
        .orElseGet(() -> schedule.inForce(now));
  }

  /** The policy the submission was (or is being) certified against; empty before its first run. */
  @Transactional(readOnly = true)
  public Optional<PolicyRef> of(String submissionId) {
    return assignments.findById(submissionId).map(SubmissionPolicy::policy);
  }

  /**
   * Support moves a submission to a policy scheduled and in force by now (normally the current one);
   * its next certification run is judged by it.
   *
   * @throws PolicyMoveRefusedException naming the field when the policy is not one to move to
   */
  @Transactional
  public PolicyRef moveTo(String submissionId, PolicyRef target, String supportUser, Instant now) {
    if (policies.find(target).isEmpty()) {
      throw PolicyMoveRefusedException.unknown(target);
    }
    if (!schedule.effectiveBy(target, now)) {
      throw PolicyMoveRefusedException.notInForce(target);
    }
    SubmissionPolicy assignment = assignments.findById(submissionId)
        .orElseGet(() -> new SubmissionPolicy(submissionId, target, now));
    PolicyRef before = assignment.isNew() ? null : assignment.policy();
    assignment.moveTo(target, supportUser, now);
    assignments.save(assignment);
    log.info("Submission {} moved from {} to certification policy {} by {}", submissionId, before, target, supportUser);
    return target;
  }
}
