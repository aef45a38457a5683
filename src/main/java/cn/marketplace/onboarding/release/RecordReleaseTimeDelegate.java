package cn.marketplace.onboarding.release;

import cn.marketplace.onboarding.process.OfferReleaseProcess;
import cn.marketplace.onboarding.security.Caller;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Records the release time of {@code scheduleRelease} (REL-1); one in the past, outside working
 * hours or in a freeze refuses the completion with its reason. Keeps {@code releaseAt} in ISO-8601
 * with the calendar's offset, {@code releaseTime} for the timer and {@code releaseAtText} for mails.
 */
@Component("recordReleaseTime")
class RecordReleaseTimeDelegate implements JavaDelegate {

  private final ReleaseService releases;
  private final ReleaseTimes times;

  RecordReleaseTimeDelegate(ReleaseService releases, ReleaseTimes times) {
    this.releases = releases;
    this.times = times;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object releaseAt = execution.getVariable(OfferReleaseProcess.RELEASE_AT);
    Instant at = releases.schedule(releases.ofStep(execution),
        releaseAt == null ? null : releaseAt.toString(), Caller.userId(execution));
    execution.setVariable(OfferReleaseProcess.RELEASE_AT, times.iso(at));
    execution.setVariable(OfferReleaseProcess.RELEASE_TIME, Date.from(at));
    execution.setVariable(OfferReleaseProcess.RELEASE_AT_TEXT, times.show(at));
  }
}
