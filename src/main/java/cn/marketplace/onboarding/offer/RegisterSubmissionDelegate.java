package cn.marketplace.onboarding.offer;

import cn.marketplace.onboarding.account.Publisher;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/**
 * The first step of {@code imageCertification}, and the step after every fix. A submission from the
 * API was stored before the instance started; a start or fix form from Tasklist arrives as variables,
 * which are stored here (secrets encrypted) and removed again in the same transaction, so no SAS URI
 * or VM credential outlives the form's command in the engine (see {@code SecretVariablesHistoryFilter}
 * for history). A start by anyone but an active publisher's user is refused (ACCT-2).
 */
@Component("registerSubmission")
class RegisterSubmissionDelegate implements JavaDelegate {

  private final SubmissionService submissions;
  private final IdentityService identityService;

  RegisterSubmissionDelegate(SubmissionService submissions, IdentityService identityService) {
    this.submissions = submissions;
    this.identityService = identityService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Map<String, Object> variables = execution.getVariables();
    if (!SubmissionForm.presentIn(variables)) {
      return;
    }
    String submissionId = (String) execution.getVariable("submissionId");
    if (submissionId == null) {
      Submission submission = submissions.registerStarted(groupsOf((String) execution.getVariable("submittedBy")),
          SubmissionForm.fromVariables(variables), execution.getProcessInstanceId());
      execution.setVariable("submissionId", submission.getId());
      execution.setVariable("publisherId", submission.getPublisherId());
      execution.setProcessBusinessKey(submission.getId());
    } else {
      submissions.amend(submissionId, variables);
    }
    SubmissionForm.FIELDS.forEach(execution::removeVariable);
  }

  private List<String> groupsOf(String userId) {
    if (userId == null) {
      return List.of();
    }
    return identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId)
        .filter(id -> id.startsWith(Publisher.groupOf(""))).toList();
  }
}
