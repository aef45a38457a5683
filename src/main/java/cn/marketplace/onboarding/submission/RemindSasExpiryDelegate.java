package cn.marketplace.onboarding.submission;

import cn.marketplace.onboarding.engine.StepKeys;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Mails the ISV that its SAS URIs expire within two business days (template {@code sas-expiring}). */
@Component("remindSasExpiry")
class RemindSasExpiryDelegate implements JavaDelegate {

  private final SubmissionSteps submissions;
  private final SasExpiryReminder reminder;

  RemindSasExpiryDelegate(SubmissionSteps submissions, SasExpiryReminder reminder) {
    this.submissions = submissions;
    this.reminder = reminder;
  }

  @Override
  public void execute(DelegateExecution execution) {
    reminder.remind(submissions.ofStep(execution),
        StepKeys.of(execution, SasExpiryReminder.SAS_EXPIRING_MAIL));
  }
}
