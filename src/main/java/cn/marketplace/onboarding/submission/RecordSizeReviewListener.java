package cn.marketplace.onboarding.submission;

import cn.marketplace.onboarding.process.ImageCertification;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** LNX-SIZE-1: a refused image size sends the submission back to the ISV with the reviewer's comment. */
@Component("recordSizeReview")
class RecordSizeReviewListener implements TaskListener {

  private final SubmissionSteps submissions;

  RecordSizeReviewListener(SubmissionSteps submissions) {
    this.submissions = submissions;
  }

  @Override
  public void notify(DelegateTask task) {
    if ("reject".equals(task.getVariable(ImageCertification.REVIEW_DECISION))) {
      submissions.sendBack(submissions.ofStep(task.getExecution()), (String) task.getVariable(ImageCertification.REVIEW_COMMENT));
    }
  }
}
