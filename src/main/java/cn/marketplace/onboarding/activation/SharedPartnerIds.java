package cn.marketplace.onboarding.activation;

import cn.marketplace.onboarding.account.AccountService;
import cn.marketplace.onboarding.account.Publisher;
import cn.marketplace.onboarding.process.PublisherOnboarding;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import cn.marketplace.onboarding.rules.RuleMessages;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * ACT-5: one partner ID, one organisation. The support team's task shows which publisher the ID is
 * bound to (a variable of the task only: the activating publisher reads its own instance); a refusal
 * sends the publisher back to its activation with the rule's message.
 */
@Component("sharedPartnerIds")
public class SharedPartnerIds {

  private final AccountService accounts;

  SharedPartnerIds(AccountService accounts) {
    this.accounts = accounts;
  }

  /** Create listener of {@code approveSharedPartnerId}. */
  public void show(DelegateTask task) {
    Publisher publisher = accounts.ofOnboarding(task.getProcessInstanceId());
    String credential = ((String) task.getVariable(PublisherOnboarding.CREDENTIAL)).strip();
    task.setVariableLocal(PublisherOnboarding.PARTNER_ID_BOUND_TO, accounts.othersActivatedWith("partnerId", credential, publisher.getId())
        .stream().map(other -> other.getCompanyName() + " (" + other.getId() + ")").collect(Collectors.joining(", ")));
    task.setVariableLocal(PublisherOnboarding.COMPANY_NAME, publisher.getCompanyName());
    task.setVariableLocal(PublisherOnboarding.CREDENTIAL, credential);
  }

  /** Taken with the support team's refusal: back to the publisher's activation, with the rule. */
  public void refused(DelegateExecution execution) {
    Publisher publisher = accounts.ofOnboarding(execution.getProcessInstanceId());
    execution.setVariable("activationError", RuleMessages.render(
        Finding.fail(RuleId.ACT_5, "credential", "activation.partner-id-shared-refused"),
        RuleMessages.locale(publisher.getLanguage())));
  }
}
