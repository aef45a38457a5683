package cn.marketplace.onboarding.certification;

import cn.marketplace.onboarding.process.ImageCertification;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Sets {@code windowsCertification} as the gateway that reads it starts: {@code vm} when the
 * submission holds access to a Windows VM, {@code resultsFile} otherwise. Decided from the stored
 * submission, never from a variable a caller could set.
 */
@Component("chooseWindowsCertification")
class ChooseWindowsCertificationListener implements ExecutionListener {

  private final SubmissionCertification certification;

  ChooseWindowsCertificationListener(SubmissionCertification certification) {
    this.certification = certification;
  }

  @Override
  public void notify(DelegateExecution execution) {
    execution.setVariable(ImageCertification.WINDOWS_CERTIFICATION,
        certification.windowsCertificationOf(certification.submissionOf(execution)));
  }
}
