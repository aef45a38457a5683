package cn.marketplace.onboarding.certification.policy;

import cn.marketplace.onboarding.engine.Refusal;
import cn.marketplace.onboarding.rules.PolicyRef;

/** A move of a submission to a policy that the product does not ship or that is not in force. */
public class PolicyMoveRefusedException extends Refusal {

  private PolicyMoveRefusedException(String field, String message) {
    super(field, Kind.INVALID, "certification-policy", "Certification policy refused", message);
  }

  static PolicyMoveRefusedException unknown(PolicyRef target) {
    return new PolicyMoveRefusedException("policy", "policy: " + target + " is no certification policy of the product");
  }

  static PolicyMoveRefusedException notInForce(PolicyRef target) {
    return new PolicyMoveRefusedException("policy", "policy: " + target
        + " is not in force (onboarding.certification.policies): a submission moves only to a policy in force");
  }

  public static PolicyMoveRefusedException missing(String field) {
    return new PolicyMoveRefusedException(field, field + ": required");
  }
}
