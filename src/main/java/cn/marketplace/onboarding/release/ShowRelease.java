package cn.marketplace.onboarding.release;

import cn.marketplace.onboarding.engine.ShownFields;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * What a release task's form shows: the offer, its SKUs with their versions and certification reports,
 * the marketing content and where the release stands, of these only what the task's form shows.
 */
@Component("showRelease")
class ShowRelease implements ShownFields {

  private final ReleaseService releases;

  ShowRelease(ReleaseService releases) {
    this.releases = releases;
  }

  @Override
  public Map<String, Object> of(DelegateTask task) {
    return releases.taskFields(releases.ofStep(task.getExecution()), task.getTaskDefinitionKey());
  }
}
