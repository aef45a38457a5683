package cn.marketplace.onboarding.submission;

import cn.marketplace.onboarding.engine.ShownFields;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * What the form of a submission's task (the ISV's fix, the size review) shows: the submitted fields,
 * the SAS URIs masked, and the findings in the ISV's language, those the task's form shows. What the
 * ISV submits lands on the instance ({@code engine.TaskForms}), where {@code registerSubmission} stores it.
 */
@Component("showSubmission")
class ShowSubmission implements ShownFields {

  private final SubmissionSteps submissions;

  ShowSubmission(SubmissionSteps submissions) {
    this.submissions = submissions;
  }

  @Override
  public Map<String, Object> of(DelegateTask task) {
    return submissions.taskFields(submissions.ofStep(task.getExecution()), task.getTaskDefinitionKey());
  }
}
