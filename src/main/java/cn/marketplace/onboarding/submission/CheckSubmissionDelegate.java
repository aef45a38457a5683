package cn.marketplace.onboarding.submission;

import cn.marketplace.onboarding.process.ImageCertification;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Runs every submission rule and VHD check; sets {@code checkOutcome} ({@code fix}, {@code review} or
 * {@code accepted}) and {@code sasExpiryReminderAt}, when to remind the ISV that its SAS URIs run out.
 * A storage that does not answer fails the job, which the engine retries and then turns into an incident.
 */
@Component("checkSubmission")
class CheckSubmissionDelegate implements JavaDelegate {

  /** A SAS without an expiry (a stored access policy) needs no reminder: a date the instance won't reach. */
  static final Instant NO_REMINDER = Instant.parse("2999-12-31T00:00:00Z");

  private final SubmissionSteps submissions;

  CheckSubmissionDelegate(SubmissionSteps submissions) {
    this.submissions = submissions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CheckOutcome outcome = submissions.check(submissions.ofStep(execution));
    execution.setVariable(ImageCertification.CHECK_OUTCOME, outcome.decision());
    execution.setVariable(ImageCertification.SAS_EXPIRY_REMINDER_AT, Date.from(outcome.sasExpiryReminder().orElse(NO_REMINDER)));
  }
}
