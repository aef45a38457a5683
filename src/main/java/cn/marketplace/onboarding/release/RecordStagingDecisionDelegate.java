package cn.marketplace.onboarding.release;

import cn.marketplace.onboarding.process.OfferReleaseProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Records the decision of {@code verifyStaging} (STG-3): {@code stagingDecision} and, to request
 * production, {@code preferredWindow}; without a window the completion is refused with its reason.
 */
@Component("recordStagingDecision")
class RecordStagingDecisionDelegate implements JavaDelegate {

  private final ReleaseService releases;

  RecordStagingDecisionDelegate(ReleaseService releases) {
    this.releases = releases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    releases.verify(releases.ofStep(execution), (String) execution.getVariable(OfferReleaseProcess.STAGING_DECISION),
        (String) execution.getVariable(OfferReleaseProcess.PREFERRED_WINDOW));
  }
}
