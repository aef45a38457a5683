package cn.marketplace.onboarding.activation;

import cn.marketplace.onboarding.account.AccountService;
import cn.marketplace.onboarding.engine.ChangedVariables;
import cn.marketplace.onboarding.process.PublisherOnboarding;
import cn.marketplace.onboarding.rules.RuleMessages;
import java.util.Locale;
import java.util.Collections;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Sets {@code credentialResult} ({@code valid}, {@code invalid}, {@code none}, or {@code shared} for a
 * partner ID another publisher was activated with: ACT-5) and {@code activationError}.
 */
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
    String publisherId = accounts.ofOnboarding(execution.getProcessInstanceId()).getId();
    ChangedVariables.set(execution, Map.of(PublisherOnboarding.PUBLISHER_ID, publisherId));
    String credentialType = (String) execution.getVariable(PublisherOnboarding.CREDENTIAL_TYPE);
    String credential = (String) execution.getVariable(PublisherOnboarding.CREDENTIAL);
    CredentialCheck.Verdict verdict = check.verify(credentialType, credential);
    // ACT-5: a partner ID that activated another publisher needs the support team's approval
    boolean shared = verdict.outcome() == CredentialCheck.Outcome.VALID && "partnerId".equals(credentialType)
        && !accounts.othersActivatedWith(credentialType, credential.strip(), publisherId).isEmpty();
    execution.setVariable(PublisherOnboarding.CREDENTIAL_RESULT, shared ? "shared" : verdict.outcome().name().toLowerCase(Locale.ROOT));
    String error = verdict.outcome() == CredentialCheck.Outcome.INVALID
        ? RuleMessages.render(verdict.finding(), RuleMessages.locale((String) execution.getVariable(PublisherOnboarding.LANGUAGE)))
        : null;
    // an error of an earlier attempt is cleared
    ChangedVariables.set(execution, Collections.singletonMap(PublisherOnboarding.ACTIVATION_ERROR, error));
  }
}
