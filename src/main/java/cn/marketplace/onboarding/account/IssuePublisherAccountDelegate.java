package cn.marketplace.onboarding.account;

import cn.marketplace.onboarding.application.Application;
import cn.marketplace.onboarding.application.ApplicationService;
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
    String applicationId = (String) execution.getVariable("applicationId");
    var applicant = new AccountService.Applicant(applicationId, (String) execution.getVariable("companyName"),
        (String) execution.getVariable("contactName"), (String) execution.getVariable("contactEmail"),
        (String) execution.getVariable("language"), execution.getProcessInstanceId());
    Map<String, Object> model = mailModel.of(execution);
    Publisher publisher = accounts.issue(applicant, model);
    applications.close(applicationId, Application.Status.APPROVED);
    execution.setVariable("publisherId", publisher.getId());
  }
}
