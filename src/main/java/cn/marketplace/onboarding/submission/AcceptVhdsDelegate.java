package cn.marketplace.onboarding.submission;

import cn.marketplace.onboarding.catalog.ImageVersion;
import cn.marketplace.onboarding.process.ImageCertification;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The VHDs passed (or their size was approved): records the image version; sets {@code vhdsAccepted}
 * and {@code imageOsFamily}, which decides how the image is certified.
 */
@Component("acceptVhds")
class AcceptVhdsDelegate implements JavaDelegate {

  private final SubmissionSteps submissions;

  AcceptVhdsDelegate(SubmissionSteps submissions) {
    this.submissions = submissions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ImageVersion version = submissions.accept(submissions.ofStep(execution));
    execution.setVariable(ImageCertification.IMAGE_VERSION_ID, version.getId());
    execution.setVariable(ImageCertification.VHDS_ACCEPTED, true);
    execution.setVariable(ImageCertification.IMAGE_OS_FAMILY, submissions.skuOf(version).getOsFamily());
  }
}
