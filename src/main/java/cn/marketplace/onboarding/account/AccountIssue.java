package cn.marketplace.onboarding.account;

import cn.marketplace.onboarding.application.Application;
import cn.marketplace.onboarding.application.ApplicationService;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Service;

/**
 * The account stage's step of {@code publisherOnboarding}: the approved application linked to the
 * instance gets its publisher account, and is closed as approved.
 */
@Service
public class AccountIssue {

  private final AccountService accounts;
  private final ApplicationService applications;

  AccountIssue(AccountService accounts, ApplicationService applications) {
    this.accounts = accounts;
    this.applications = applications;
  }

  public Publisher issueForInstance(DelegateExecution execution, Map<String, Object> mailModel) {
    // who the account is for comes from the application linked to the instance, never from variables
    Application application = applications.ofInstance(execution);
    String applicationId = application.getId();
    var applicant = new AccountService.Applicant(applicationId, application.getCompanyName(),
        application.getContactName(), application.getContactEmail(), application.getLanguage(),
        execution.getProcessInstanceId());
    Publisher publisher = accounts.issue(applicant, mailModel);
    applications.close(application, Application.Status.APPROVED);
    return publisher;
  }
}
