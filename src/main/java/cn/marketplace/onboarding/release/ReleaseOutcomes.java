package cn.marketplace.onboarding.release;

import cn.marketplace.onboarding.process.OfferReleaseProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * How a release ends, called from the end events: {@code ${releaseOutcomes.close(execution, 'LAPSED')}}.
 * Closes the release (its offer may be released again) and sets {@code releaseStatus}.
 */
@Component("releaseOutcomes")
public class ReleaseOutcomes {

  private final ReleaseService releases;

  ReleaseOutcomes(ReleaseService releases) {
    this.releases = releases;
  }

  public void close(DelegateExecution execution, String end) {
    execution.setVariable(OfferReleaseProcess.RELEASE_STATUS,
        releases.close(releases.ofStep(execution), ReleaseState.valueOf(end)));
  }
}
