package cn.marketplace.onboarding.release;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The publisher's fix after the review sent the release back: the changed content is checked again
 * (NEXT-1) and stored, synchronously, so that a bad fix refuses the task's completion with its reasons.
 */
@Component("resubmitRelease")
class ResubmitReleaseDelegate implements JavaDelegate {

  private final ReleaseService releases;

  ResubmitReleaseDelegate(ReleaseService releases) {
    this.releases = releases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    releases.resubmit(releases.ofStep(execution), execution.getVariables());
    ReleaseForm.CONTENT_FIELDS.forEach(execution::removeVariable);
  }
}
