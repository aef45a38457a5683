package cn.marketplace.onboarding.account;

import cn.marketplace.onboarding.process.PublisherOnboarding;
import cn.marketplace.onboarding.notification.ProcessMailModel;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** ACCT-1: the approved applicant becomes a publisher with an account; sets {@code publisherId}. */
@Component("issuePublisherAccount")
class IssuePublisherAccountDelegate implements JavaDelegate {

  private final AccountIssue accounts;
  private final ProcessMailModel mailModel;

  IssuePublisherAccountDelegate(AccountIssue accounts, ProcessMailModel mailModel) {
    this.accounts = accounts;
    this.mailModel = mailModel;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Publisher publisher = accounts.issueForInstance(execution, mailModel.of(execution));
    execution.setVariable(PublisherOnboarding.PUBLISHER_ID, publisher.getId());
  }
}
