package cn.marketplace.onboarding.release;

import cn.marketplace.onboarding.process.OfferReleaseProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** REL-1 at the agreed time: the offer goes live; sets {@code releasedBy} and {@code releasedAtText} for the mails. */
@Component("releaseToProduction")
class ReleaseToProductionDelegate implements JavaDelegate {

  private final ReleaseService releases;
  private final ReleaseTimes times;

  ReleaseToProductionDelegate(ReleaseService releases, ReleaseTimes times) {
    this.releases = releases;
    this.times = times;
  }

  @Override
  public void execute(DelegateExecution execution) {
    OfferRelease release = releases.goLive(releases.ofStep(execution));
    execution.setVariable(OfferReleaseProcess.RELEASED_BY, release.getReleasedBy());
    execution.setVariable(OfferReleaseProcess.RELEASED_AT_TEXT, times.show(release.getReleasedAt()));
  }
}
