package cn.marketplace.onboarding.account;

import cn.marketplace.onboarding.application.Application;
import cn.marketplace.onboarding.application.ApplicationService;
import cn.marketplace.onboarding.application.PublisherOnboarding;
import cn.marketplace.onboarding.notification.ProcessMailModel;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** ACCT-1: the approved applicant becomes a publisher with an account; sets {@code publisherId}. */
@Component("issuePublisherAccount")
class IssuePublisherAccountDelegate implements JavaDelegate {

  private final AccountService accounts;
  private final ApplicationService applications;
  private final ProcessMailModel mailModel;

  IssuePublisherAccountDelegate(AccountService accounts, ApplicationService applications,
      ProcessMailModel mailModel) {
    this.accounts = accounts;
    this.applications = applications;
    this.mailModel = mailModel;
  }

  @Override
  public void execute(DelegateExecution execution) {
    // who the account is for comes from the application linked to the instance, never from variables
    Application application = applications.ofInstance(execution);
    String applicationId = application.getId();
    var applicant = new AccountService.Applicant(applicationId, application.getCompanyName(),
        application.getContactName(), application.getContactEmail(), application.getLanguage(),
        execution.getProcessInstanceId());
    Map<String, Object> model = mailModel.of(execution);
    Publisher publisher = accounts.issue(applicant, model);
    applications.close(applicationId, Application.Status.APPROVED);
    execution.setVariable(PublisherOnboarding.PUBLISHER_ID, publisher.getId());
  }
}
