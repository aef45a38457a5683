package cn.marketplace.onboarding.certification;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Fills the questionnaire's form with the warnings to explain, as variables of the task only. */
@Component("showQuestionnaire")
class ShowQuestionnaireListener implements TaskListener {

  private final CertificationOutcome certification;

  ShowQuestionnaireListener(CertificationOutcome certification) {
    this.certification = certification;
  }

  @Override
  public void notify(DelegateTask task) {
    task.setVariablesLocal(certification.questionnaireFields(certification.reportOfStep(task.getExecution())));
  }
}
