package cn.marketplace.onboarding.certification;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Keeps the questionnaire's answers with the certification report, in the transaction that completes
 * the ISV's task: an incomplete questionnaire refuses the completion with the questions left open
 * (CERT-4), as a form validation error, which Tasklist and the engine REST API answer with 400. (A
 * task listener's exception would reach them wrapped, as a 500.)
 */
@Component("recordQuestionnaire")
class RecordQuestionnaireDelegate implements JavaDelegate {

  private final CertificationOutcome certification;

  RecordQuestionnaireDelegate(CertificationOutcome certification) {
    this.certification = certification;
  }

  @Override
  public void execute(DelegateExecution execution) {
    certification.answer(certification.reportOfStep(execution), execution.getVariables());
  }
}
