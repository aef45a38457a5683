package cn.marketplace.onboarding.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

/**
 * Idempotency keys for side effects of a process step. In an asynchronous step the key is the
 * job's id, which stays the same over every retry of that job and differs for each new visit of
 * the step (a loop creates a new job); in a synchronous step it is the activity instance.
 */
public final class StepKeys {

  private StepKeys() {}

  public static String of(DelegateExecution execution, String purpose) {
    JobEntity job = Context.getJobExecutorContext() == null ? null
        : Context.getJobExecutorContext().getCurrentJob();
    String step = job != null ? "job:" + job.getId() : "activity:" + execution.getActivityInstanceId();
    return purpose + ":" + execution.getProcessInstanceId() + ":" + step;
  }
}
