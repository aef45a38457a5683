package cn.marketplace.onboarding.submission;

import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.engine.ChangedVariables;
import cn.marketplace.onboarding.engine.ProductStarts;
import cn.marketplace.onboarding.process.ImageCertification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/**
 * The first step of {@code imageCertification}, and the step after every fix. A submission from the
 * API was stored before the instance started; a start or fix form from Tasklist arrives as variables,
 * which are stored here (secrets encrypted) and removed again in the same transaction, so no SAS URI
 * or VM credential outlives the form's command in the engine (see {@code VariableHistoryFilter}
 * for history); only the offer's id stays on the instance, as the record has it, for the Tasklist
 * filters' columns. A start by anyone but an active publisher's user is refused (ACCT-2), and so is a
 * start whose variables name a submission, a publisher or another starter: the submission is the
 * signed-in user's publisher's, and every later step works on the one linked to its instance.
 */
@Component("registerSubmission")
class RegisterSubmissionDelegate implements JavaDelegate {

  private final SubmissionService submissions;
  private final SubmissionSteps steps;
  private final IdentityService identityService;

  RegisterSubmissionDelegate(SubmissionService submissions, SubmissionSteps steps, IdentityService identityService) {
    this.submissions = submissions;
    this.steps = steps;
    this.identityService = identityService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Submission submission;
    if (ProductStarts.isProductStart(execution.getVariable(ImageCertification.SUBMISSION_ID))) {
      submission = submissions.attachProductStart((String) execution.getVariable(ImageCertification.SUBMISSION_ID),
          execution.getProcessInstanceId());
    } else {
      submission = registerOrAmend(execution);
      SubmissionForm.FIELDS.stream().filter(field -> !ImageCertification.OFFER_ID.equals(field))
          .forEach(execution::removeVariable);
      execution.removeVariable(ImageCertification.WINDOWS_EVIDENCE);
    }
    // the offer, for the Tasklist filters' column ("Submissions to review", "My tasks"): the record's, where it changed
    ChangedVariables.set(execution, Map.of(ImageCertification.OFFER_ID, submission.getOfferId()));
  }

  private Submission registerOrAmend(DelegateExecution execution) {
    Map<String, Object> variables = execution.getVariables();
    Optional<Submission> own = steps.findOfInstance(execution.getProcessInstanceId());
    if (own.isEmpty()) {
      // a start by a caller: the submission is the signed-in user's publisher's, never a variable's
      String user = ProductStarts.refuseCallerOwnership(execution, ImageCertification.SUBMITTED_BY);
      if (!SubmissionForm.presentIn(variables)) {
        throw new SubmissionRefusedException(SubmissionRefusedException.Reason.BAD_FIELD,
            "offerId: a submission needs the fields of the submission form");
      }
      Submission submission = submissions.registerStarted(groupsOf(user), SubmissionForm.fromVariables(variables),
          execution.getProcessInstanceId());
      Map<String, Object> ids = new HashMap<>();
      ids.put(ImageCertification.SUBMITTED_BY, user);
      ids.put(ImageCertification.SUBMISSION_ID, submission.getId());
      ids.put(ImageCertification.PUBLISHER_ID, submission.getPublisherId());
      ChangedVariables.set(execution, ids);
      execution.setProcessBusinessKey(submission.getId());
      return submission;
    }
    if (!SubmissionForm.presentIn(variables)) {
      return own.get();
    }
    Submission submission = steps.ofStep(execution);
    steps.amend(submission, variables);
    return submission;
  }

  private List<String> groupsOf(String userId) {
    if (userId == null) {
      return List.of();
    }
    return identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId)
        .filter(id -> id.startsWith(Groups.PUBLISHER_PREFIX)).toList();
  }
}
