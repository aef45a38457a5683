package cn.marketplace.onboarding.submission;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Fills the form of a submission's task (the ISV's fix, the size review): the submitted fields, the
 * SAS URIs masked, and the findings in the ISV's language, those the task's form shows, as variables
 * of the task only (they go when the task is done; the instance keeps only IDs and decisions). What the ISV submits lands on
 * the instance all the same ({@code TaskFormSubmissions}), where {@code registerSubmission} stores it.
 */
@Component("showSubmission")
class ShowSubmissionListener implements TaskListener {

  private final SubmissionSteps submissions;

  ShowSubmissionListener(SubmissionSteps submissions) {
    this.submissions = submissions;
  }

  @Override
  public void notify(DelegateTask task) {
    task.setVariablesLocal(submissions.taskFields(submissions.ofStep(task.getExecution()), task.getTaskDefinitionKey()));
  }
}
