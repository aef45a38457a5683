package cn.marketplace.onboarding.offer;

import cn.marketplace.onboarding.certification.CertificationReport;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Completes and publishes the certification report, certifies the image version and forgets the VM
 * credentials; sets {@code certified} and {@code certificationReportId}, the instance's results.
 */
@Component("storeCertificationReport")
class StoreCertificationReportDelegate implements JavaDelegate {

  private final SubmissionCertification certification;

  StoreCertificationReportDelegate(SubmissionCertification certification) {
    this.certification = certification;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CertificationReport report = certification.certify((String) execution.getVariable("certificationReportId"));
    execution.setVariable("certificationReportId", report.getId());
    execution.setVariable("certified", true);
  }
}
