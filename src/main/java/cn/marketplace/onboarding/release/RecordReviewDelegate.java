package cn.marketplace.onboarding.release;

import cn.marketplace.onboarding.process.OfferReleaseProcess;
import cn.marketplace.onboarding.security.Caller;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Records the decision of {@code reviewSubmission} (STG-1): {@code reviewDecision} and
 * {@code reviewComment}, by the user who completed it. Runs in the completion's transaction, so a
 * rejection without a comment refuses the completion with its reason and the task stays open.
 */
@Component("recordReview")
class RecordReviewDelegate implements JavaDelegate {

  private final ReleaseService releases;

  RecordReviewDelegate(ReleaseService releases) {
    this.releases = releases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    releases.review(releases.ofStep(execution), (String) execution.getVariable(OfferReleaseProcess.REVIEW_DECISION),
        (String) execution.getVariable(OfferReleaseProcess.REVIEW_COMMENT), Caller.userId(execution));
  }
}
