package cn.marketplace.onboarding.testsupport.paths;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/**
 * Moves an instance of the fast layer along as the job executor and the people would: async steps run
 * until the instance waits for a person, a timer or a message; a timer fires when the test says so;
 * a user task is completed through the form service, as Tasklist's form submission does.
 */
public final class Steps {

  private final ProcessEngine engine;

  public Steps(ProcessEngine engine) {
    this.engine = engine;
  }

  /** Runs the instance's async continuations (never its timers) until none is left. */
  public void run(ProcessInstance instance) {
    ManagementService management = engine.getManagementService();
    for (int round = 0; round < 50; round++) {
      List<Job> jobs = management.createJobQuery().processInstanceId(instance.getId()).messages().list();
      if (jobs.isEmpty()) {
        return;
      }
      jobs.forEach(job -> management.executeJob(job.getId()));
    }
    throw new AssertionError("the instance still has async steps to run after 50 rounds: a loop?");
  }

  /** Fires the timer of {@code activityId} (a timer event or a boundary timer), whatever its due date, then runs on. */
  public void fireTimer(ProcessInstance instance, String activityId) {
    Job timer = engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).timers()
        .activityId(activityId).singleResult();
    assertThat(timer).as("the timer of " + activityId).isNotNull();
    engine.getManagementService().executeJob(timer.getId());
    run(instance);
  }

  /** The open task {@code taskKey} of the instance. */
  public Task task(ProcessInstance instance, String taskKey) {
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(taskKey).singleResult();
    assertThat(task).as("an open " + taskKey + " task").isNotNull();
    return task;
  }

  /** Submits the form of the open task {@code taskKey} with {@code values}, then runs on. */
  public void submit(ProcessInstance instance, String taskKey, Map<String, Object> values) {
    engine.getFormService().submitTaskForm(task(instance, taskKey).getId(), values);
    run(instance);
  }

  /** Correlates the message {@code name} to the instance, then runs on. */
  public void message(ProcessInstance instance, String name) {
    engine.getRuntimeService().createMessageCorrelation(name).processInstanceId(instance.getId()).correlate();
    run(instance);
  }
}
