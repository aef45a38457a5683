package cn.marketplace.onboarding.release;

import cn.marketplace.onboarding.process.OfferReleaseProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** STG-2: publishes the approved offer to the pre-release environment; sets {@code stagingUrl}. */
@Component("publishToStaging")
class PublishToStagingDelegate implements JavaDelegate {

  private final ReleaseService releases;

  PublishToStagingDelegate(ReleaseService releases) {
    this.releases = releases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(OfferReleaseProcess.STAGING_URL, releases.stage(releases.ofStep(execution)));
  }
}
