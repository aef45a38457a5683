package cn.marketplace.onboarding.activation;

import cn.marketplace.onboarding.account.AccountService;
import cn.marketplace.onboarding.application.PublisherOnboarding;
import cn.marketplace.onboarding.rules.RuleMessages;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Sets {@code credentialResult} ({@code valid}, {@code invalid}, {@code none}) and {@code activationError}. */
@Component("verifyCredential")
class VerifyCredentialDelegate implements JavaDelegate {

  private final CredentialCheck check;
  private final AccountService accounts;

  VerifyCredentialDelegate(CredentialCheck check, AccountService accounts) {
    this.check = check;
    this.accounts = accounts;
  }

  @Override
  public void execute(DelegateExecution execution) {
    // the ISV's task completion may have overwritten publisherId; the next task's candidate group reads it
    execution.setVariable(PublisherOnboarding.PUBLISHER_ID, accounts.ofOnboarding(execution.getProcessInstanceId()).getId());
    CredentialCheck.Verdict verdict = check.verify((String) execution.getVariable(PublisherOnboarding.CREDENTIAL_TYPE),
        (String) execution.getVariable(PublisherOnboarding.CREDENTIAL));
    execution.setVariable(PublisherOnboarding.CREDENTIAL_RESULT, verdict.outcome().name().toLowerCase(Locale.ROOT));
    execution.setVariable(PublisherOnboarding.ACTIVATION_ERROR, verdict.outcome() == CredentialCheck.Outcome.INVALID
        ? RuleMessages.render(verdict.finding(), RuleMessages.locale((String) execution.getVariable(PublisherOnboarding.LANGUAGE)))
        : null);
  }
}
