package cn.marketplace.onboarding.release;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** The user whose command runs a step: who completed the task before it (Tasklist, engine REST); null for the engine itself. */
final class SignedInUser {

  private SignedInUser() {}

  static String of(DelegateExecution execution) {
    Authentication authentication = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }
}
