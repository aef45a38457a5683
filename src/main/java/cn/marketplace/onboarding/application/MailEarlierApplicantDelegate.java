package cn.marketplace.onboarding.application;

import cn.marketplace.onboarding.engine.StepKeys;
import cn.marketplace.onboarding.notification.MailService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Tells the contact of the earlier open application of the same company (our records, not a variable)
 * that another application with its credit code came in and will be reviewed. The mail speaks of the
 * earlier application alone: nothing of the new applicant, who is told nothing of the earlier one.
 */
@Component("mailEarlierApplicant")
class MailEarlierApplicantDelegate implements JavaDelegate {

  static final String TEMPLATE = "duplicate-application-received";

  private final ApplicationService applications;
  private final MailService mails;

  MailEarlierApplicantDelegate(ApplicationService applications, MailService mails) {
    this.applications = applications;
    this.mails = mails;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Application duplicate = applications.ofInstance(execution);
    if (duplicate.getDuplicateOf() == null) {
      return;
    }
    Application earlier = applications.get(duplicate.getDuplicateOf());
    Map<String, Object> model = new HashMap<>();
    model.put("companyName", earlier.getCompanyName());
    model.put("contactName", earlier.getContactName());
    model.put("applicationId", earlier.getId());
    mails.send(StepKeys.of(execution, TEMPLATE), TEMPLATE, earlier.getLanguage(), List.of(earlier.getContactEmail()),
        model);
  }
}
