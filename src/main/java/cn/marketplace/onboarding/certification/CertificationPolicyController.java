package cn.marketplace.onboarding.certification;

import cn.marketplace.onboarding.certification.policy.PolicyMoveRefusedException;
import cn.marketplace.onboarding.certification.policy.SubmissionPolicies;
import cn.marketplace.onboarding.engine.EngineClock;
import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.engine.Refusal;
import cn.marketplace.onboarding.rules.PolicyRef;
import cn.marketplace.onboarding.security.Caller;
import cn.marketplace.onboarding.submission.SubmissionRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The support team moves a submission under way to another certification policy in force. */
@RestController
@RequestMapping("/api/submissions/{id}/certification-policy")
class CertificationPolicyController {

  /** The policy to judge the submission's next certification runs by. */
  record PolicyChoice(String policy, String version) {}

  record PolicyAnswer(String submissionId, String policy, String version) {}

  private final SubmissionPolicies submissionPolicies;
  private final SubmissionRepository submissions;
  private final EngineClock clock;

  CertificationPolicyController(SubmissionPolicies submissionPolicies, SubmissionRepository submissions,
      EngineClock clock) {
    this.submissionPolicies = submissionPolicies;
    this.submissions = submissions;
    this.clock = clock;
  }

  @PutMapping
  @ApiResponse(responseCode = "200", description = "The submission's next certification runs use this policy")
  @ApiResponse(responseCode = "400", ref = "BadRequest")
  @ApiResponse(responseCode = "403", ref = "Forbidden")
  @ApiResponse(responseCode = "404", ref = "NotFound")
  @Operation(summary = "Move a submission to another certification policy",
      description = "Marketplace support only. A submission keeps the policy in force when its certification first "
          + "ran; this moves it to a policy that is in force by now (onboarding.certification.policies), usually the "
          + "current one, for its next run.")
  PolicyAnswer move(@PathVariable String id, @RequestBody(required = false) PolicyChoice choice,
      Authentication caller) {
    if (!Caller.groups(caller).contains(Groups.SUPPORT)) {
      throw new Refusal("policy", Refusal.Kind.FORBIDDEN, "forbidden", "Forbidden",
          "Only the marketplace support team moves a submission to another certification policy.");
    }
    if (!submissions.existsById(id)) {
      throw new Refusal("submissionId", Refusal.Kind.NOT_FOUND, "submission-not-found", "Submission not found",
          "No submission with this id is visible to you.");
    }
    if (choice == null || choice.policy() == null || choice.policy().isBlank()) {
      throw PolicyMoveRefusedException.missing("policy");
    }
    if (choice.version() == null || choice.version().isBlank()) {
      throw PolicyMoveRefusedException.missing("version");
    }
    PolicyRef moved = submissionPolicies.moveTo(id, new PolicyRef(choice.policy().strip(), choice.version().strip()),
        caller.getName(), clock.now());
    return new PolicyAnswer(id, moved.id(), moved.version());
  }
}
