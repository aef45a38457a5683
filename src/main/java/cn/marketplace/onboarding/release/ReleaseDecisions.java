package cn.marketplace.onboarding.release;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * The decisions of the release's user tasks, taken when a task completes: a refused one (a missing
 * comment, an unknown decision, a release time outside working hours or in a freeze) fails the
 * completion with its reason, and the task stays open. Called from the diagram:
 * {@code ${releaseDecisions.review(task)}}.
 */
@Component("releaseDecisions")
public class ReleaseDecisions {

  private final ReleaseService releases;

  ReleaseDecisions(ReleaseService releases) {
    this.releases = releases;
  }

  /** {@code reviewSubmission} (STG-1): {@code reviewDecision}, {@code reviewComment}. */
  public void review(DelegateTask task) {
    releases.review(releaseId(task), (String) task.getVariable("reviewDecision"),
        (String) task.getVariable("reviewComment"), actor(task));
  }

  /** {@code verifyStaging} (STG-3): {@code stagingDecision}, {@code preferredWindow}. */
  public void verify(DelegateTask task) {
    releases.verify(releaseId(task), (String) task.getVariable("stagingDecision"),
        (String) task.getVariable("preferredWindow"));
  }

  /**
   * {@code scheduleRelease} (REL-1): {@code releaseAt}, kept in its ISO-8601 form with the calendar's
   * offset; {@code releaseTime} is the timer's date, {@code releaseAtText} what the mail shows.
   */
  public void schedule(DelegateTask task) {
    Instant at = releases.schedule(releaseId(task), String.valueOf(task.getVariable("releaseAt")), actor(task));
    task.getExecution().setVariable("releaseAt", releases.iso(at));
    task.getExecution().setVariable("releaseTime", Date.from(at));
    task.getExecution().setVariable("releaseAtText", releases.show(at));
  }

  private static String releaseId(DelegateTask task) {
    return (String) task.getVariable("releaseId");
  }

  /** Who completes the task: the signed-in user (Tasklist, REST), else its assignee. */
  private static String actor(DelegateTask task) {
    Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return authentication != null && authentication.getUserId() != null ? authentication.getUserId()
        : task.getAssignee();
  }
}
