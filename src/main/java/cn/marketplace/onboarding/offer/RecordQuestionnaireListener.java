package cn.marketplace.onboarding.offer;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the questionnaire's answers with the certification report when the ISV completes the task; an
 * incomplete questionnaire refuses the completion with the questions left open (CERT-4).
 */
@Component("recordQuestionnaire")
class RecordQuestionnaireListener implements TaskListener {

  private final SubmissionCertification certification;

  RecordQuestionnaireListener(SubmissionCertification certification) {
    this.certification = certification;
  }

  @Override
  public void notify(DelegateTask task) {
    certification.answer((String) task.getVariable("certificationReportId"), task.getVariables());
  }
}
