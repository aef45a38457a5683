package cn.marketplace.onboarding.certification;

import cn.marketplace.onboarding.certification.report.CertificationReport;
import cn.marketplace.onboarding.process.ImageCertification;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Runs the certification tests on the ISV's Linux VM over SSH; sets {@code certificationReportId} and
 * {@code certificationPassed}. The VM's credentials stay in the submission: no variable holds them.
 * A VM that does not answer in time fails the job ({@code VmNotAnsweringException}): it is retried
 * on the step's cycle and then becomes an incident, while every answer, good or bad, is a report.
 */
@Component("runLinuxCertification")
class RunLinuxCertificationDelegate implements JavaDelegate {

  private final SubmissionCertification certification;

  RunLinuxCertificationDelegate(SubmissionCertification certification) {
    this.certification = certification;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CertificationReport report = certification.certifyLinux(certification.submissionOf(execution));
    execution.setVariable(ImageCertification.CERTIFICATION_REPORT_ID, report.getId());
    execution.setVariable(ImageCertification.CERTIFICATION_PASSED, report.testsPassed());
  }
}
