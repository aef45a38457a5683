package cn.marketplace.onboarding.release;

import cn.marketplace.onboarding.engine.ChangedVariables;
import cn.marketplace.onboarding.engine.ProductStarts;
import cn.marketplace.onboarding.process.OfferReleaseProcess;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/**
 * The first step of {@code offerRelease}. A release from the API was registered before its instance
 * started; one from Tasklist's start form is registered here, synchronously, so that a refusal (ACT-1,
 * OFFER-1, NEXT-1, one release at a time) refuses the start with its reasons and leaves no instance.
 * The marketing content goes to our tables; the instance keeps ids.
 */
@Component("registerRelease")
class RegisterReleaseDelegate implements JavaDelegate {

  private final ReleaseStarts releases;
  private final IdentityService identityService;

  RegisterReleaseDelegate(ReleaseStarts releases, IdentityService identityService) {
    this.releases = releases;
    this.identityService = identityService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    if (ProductStarts.isProductStart(execution.getVariable(OfferReleaseProcess.RELEASE_ID))) {
      releases.attachProductStart((String) execution.getVariable(OfferReleaseProcess.RELEASE_ID), execution.getProcessInstanceId());
      return;
    }
    // a start by a caller: the release is the signed-in user's publisher's, never a variable's
    String startedBy = ProductStarts.refuseCallerOwnership(execution, OfferReleaseProcess.STARTED_BY);
    Map<String, Object> variables = new HashMap<>(releases.registerStarted(startedBy, groupsOf(startedBy),
        ReleaseForm.fromVariables(execution.getVariables()), execution.getProcessInstanceId()));
    variables.put(OfferReleaseProcess.STARTED_BY, startedBy);
    ChangedVariables.set(execution, variables);
    execution.setProcessBusinessKey((String) execution.getVariable(OfferReleaseProcess.RELEASE_ID));
    ReleaseForm.CONTENT_FIELDS.forEach(execution::removeVariable);
  }

  private List<String> groupsOf(String userId) {
    return userId == null ? List.of()
        : identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
  }
}
