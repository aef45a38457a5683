package cn.marketplace.onboarding.submission;

import cn.marketplace.onboarding.certification.SubmissionCertification;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * The end of every {@code imageCertification} instance (certified, abandoned or cancelled with its
 * listeners): the submission's VM credentials are deleted, and an uncertified submission is closed.
 */
@Component("closeSubmission")
class CloseSubmissionListener implements ExecutionListener {

  private final SubmissionCertification certification;

  CloseSubmissionListener(SubmissionCertification certification) {
    this.certification = certification;
  }

  @Override
  public void notify(DelegateExecution execution) {
    // the submission linked to the instance, whatever a variable says: a start refused before it
    // registered one has nothing to close
    certification.closeOfInstance(execution.getProcessInstanceId());
  }
}
