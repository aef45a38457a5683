package cn.marketplace.onboarding.activation;

import cn.marketplace.onboarding.account.AccountService;
import cn.marketplace.onboarding.process.PublisherOnboarding;
import cn.marketplace.onboarding.notification.ProcessMailModel;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** ACT-2, ACT-4: the verified publisher may now publish. */
@Component("activatePublisher")
class ActivatePublisherDelegate implements JavaDelegate {

  private final AccountService accounts;
  private final ProcessMailModel mailModel;

  ActivatePublisherDelegate(AccountService accounts, ProcessMailModel mailModel) {
    this.accounts = accounts;
    this.mailModel = mailModel;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Map<String, Object> model = mailModel.of(execution);
    accounts.activate(accounts.ofOnboarding(execution.getProcessInstanceId()),
        (String) execution.getVariable(PublisherOnboarding.CREDENTIAL_TYPE),
        (String) execution.getVariable(PublisherOnboarding.CREDENTIAL), model);
  }
}
