package cn.marketplace.onboarding.offer;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Fills the fix form: the submitted fields to edit, the SAS URIs masked, and the findings in the
 * ISV's language, as variables of the task only (they go when the task is done).
 */
@Component("prepareSubmissionFix")
class PrepareSubmissionFixListener implements TaskListener {

  private final SubmissionService submissions;

  PrepareSubmissionFixListener(SubmissionService submissions) {
    this.submissions = submissions;
  }

  @Override
  public void notify(DelegateTask task) {
    task.setVariablesLocal(submissions.fixFormFields((String) task.getVariable("submissionId")));
  }
}
