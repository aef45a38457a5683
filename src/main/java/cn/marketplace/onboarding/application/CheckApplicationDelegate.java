package cn.marketplace.onboarding.application;

import cn.marketplace.onboarding.engine.ProductStarts;
import cn.marketplace.onboarding.process.PublisherOnboarding;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The first step of onboarding. An application that came through the API was checked and stored
 * before the instance started; one entered in Tasklist's start form is checked and stored here,
 * synchronously, so a bad one refuses the start with the reasons and leaves no instance behind.
 */
@Component("checkApplication")
class CheckApplicationDelegate implements JavaDelegate {

  private final ApplicationService applications;

  CheckApplicationDelegate(ApplicationService applications) {
    this.applications = applications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    if (ProductStarts.isProductStart(execution.getVariable(PublisherOnboarding.APPLICATION_ID))) {
      applications.attachProductStart((String) execution.getVariable(PublisherOnboarding.APPLICATION_ID), execution.getProcessInstanceId());
    } else {
      // entered in Tasklist's start form (or the engine API): the application is registered here
      ProductStarts.refuseCallerOwnership(execution, null);
      Application application = applications.registerStarted(execution.getVariables(), execution.getProcessInstanceId());
      execution.setVariables(applications.processVariables(application));
      execution.setProcessBusinessKey(application.getId());
    }
    execution.setVariable(PublisherOnboarding.CALL_ATTEMPTS, 0);
  }
}
