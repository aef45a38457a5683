package cn.marketplace.onboarding.submission;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * The end of every {@code imageCertification} instance (certified, abandoned or cancelled with its
 * listeners): the submission's VM credentials are deleted, and an uncertified submission is closed.
 */
@Component("closeSubmission")
class CloseSubmissionListener implements ExecutionListener {

  private final SubmissionSteps submissions;

  CloseSubmissionListener(SubmissionSteps submissions) {
    this.submissions = submissions;
  }

  @Override
  public void notify(DelegateExecution execution) {
    // the submission linked to the instance, whatever a variable says: a start refused before it
    // registered one has nothing to close
    submissions.closeOfInstance(execution.getProcessInstanceId());
  }
}
