package cn.marketplace.onboarding.certification;

import cn.marketplace.onboarding.certification.report.CertificationReport;
import cn.marketplace.onboarding.process.ImageCertification;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Runs every Windows check on the ISV's Windows VM over SSH (one PowerShell probe); sets
 * {@code certificationReportId} and {@code certificationPassed}. The VM's credentials stay in the
 * submission: no variable holds them. A VM that does not answer in time fails the job, which is
 * retried on the step's cycle and then becomes an incident.
 */
@Component("runWindowsCertification")
class RunWindowsCertificationDelegate implements JavaDelegate {

  private final SubmissionCertification certification;

  RunWindowsCertificationDelegate(SubmissionCertification certification) {
    this.certification = certification;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CertificationReport report = certification.certifyWindows(certification.submissionOf(execution));
    execution.setVariable(ImageCertification.CERTIFICATION_REPORT_ID, report.getId());
    execution.setVariable(ImageCertification.CERTIFICATION_PASSED, report.testsPassed());
  }
}
