package cn.marketplace.onboarding.certification;

import cn.marketplace.onboarding.process.ImageCertification;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Completes and publishes the certification report, certifies the image version and forgets the VM
 * credentials; sets {@code certified}. With {@code certificationReportId}, which the test run set, it is
 * the instance's result.
 */
@Component("storeCertificationReport")
class StoreCertificationReportDelegate implements JavaDelegate {

  private final CertificationOutcome certification;

  StoreCertificationReportDelegate(CertificationOutcome certification) {
    this.certification = certification;
  }

  @Override
  public void execute(DelegateExecution execution) {
    // certificationReportId stays as the test run set it: setting the same value again would still
    // write a new revision and a history row
    certification.certify(certification.reportOfStep(execution));
    execution.setVariable(ImageCertification.CERTIFIED, true);
  }
}
