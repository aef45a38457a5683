package cn.marketplace.onboarding.certification;

import cn.marketplace.onboarding.certification.report.CertificationReport;
import cn.marketplace.onboarding.process.ImageCertification;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Reads the Windows certification tool's results from the VHD's container; sets
 * {@code certificationReportId} and {@code certificationPassed}. A storage that does not answer fails
 * the job, which the engine retries and then turns into an incident.
 */
@Component("checkWindowsResults")
class CheckWindowsResultsDelegate implements JavaDelegate {

  private final SubmissionCertification certification;

  CheckWindowsResultsDelegate(SubmissionCertification certification) {
    this.certification = certification;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CertificationReport report = certification.checkWindows(certification.submissionOf(execution));
    execution.setVariable(ImageCertification.CERTIFICATION_REPORT_ID, report.getId());
    execution.setVariable(ImageCertification.CERTIFICATION_PASSED, report.testsPassed());
  }
}
