package cn.marketplace.onboarding.release;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Fills a release task's form: the offer, its SKUs with their versions and certification reports,
 * the marketing content and where the release stands, as variables of the task only, and of these
 * only what the task's form shows.
 */
@Component("showRelease")
class ShowReleaseListener implements TaskListener {

  private final ReleaseService releases;

  ShowReleaseListener(ReleaseService releases) {
    this.releases = releases;
  }

  @Override
  public void notify(DelegateTask task) {
    task.setVariablesLocal(releases.taskFields(releases.ofStep(task.getExecution()), task.getTaskDefinitionKey()));
  }
}
