package cn.marketplace.onboarding.certification;

import cn.marketplace.onboarding.engine.ShownFields;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/** What the questionnaire's form shows: the warnings to explain. */
@Component("showQuestionnaire")
class ShowQuestionnaire implements ShownFields {

  private final CertificationOutcome certification;

  ShowQuestionnaire(CertificationOutcome certification) {
    this.certification = certification;
  }

  @Override
  public Map<String, Object> of(DelegateTask task) {
    return certification.questionnaireFields(certification.reportOfStep(task.getExecution()));
  }
}
