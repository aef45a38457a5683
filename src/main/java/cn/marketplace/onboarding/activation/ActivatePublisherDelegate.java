package cn.marketplace.onboarding.activation;

import cn.marketplace.onboarding.account.AccountService;
import cn.marketplace.onboarding.engine.OnboardingProperties;
import cn.marketplace.onboarding.notification.ProcessMailModel;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** ACT-2, ACT-4: the verified publisher may now publish. */
@Component("activatePublisher")
class ActivatePublisherDelegate implements JavaDelegate {

  private final AccountService accounts;
  private final OnboardingProperties properties;

  ActivatePublisherDelegate(AccountService accounts, OnboardingProperties properties) {
    this.accounts = accounts;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Map<String, Object> model = ProcessMailModel.of(execution);
    model.put("baseUrl", properties.baseUrl());
    String publisherId = accounts.ofOnboarding(execution.getProcessInstanceId()).getId();
    accounts.activate(publisherId, (String) execution.getVariable("credentialType"),
        (String) execution.getVariable("credential"), model);
  }
}
