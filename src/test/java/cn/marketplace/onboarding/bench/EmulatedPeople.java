package cn.marketplace.onboarding.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;

/**
 * Drives one process instance to its end the way its people and the job executor would, in this
 * thread: due jobs first (asynchronous service tasks, joins, due timers), then each open user task
 * completed by the person who owns it with what that person decides. The same answers serve a
 * product process and its bare twin (their task IDs are the same).
 *
 * <p>A stage added to a process needs one line here when it adds a user task: who answers it, and what.
 */
final class EmulatedPeople {

  /** Who completes a task (given a look-up of the instance's variables), and with which variables. */
  record Answer(Function<Function<String, Object>, Actor> who, Map<String, Object> decision) {}

  /** The happy path of every process: approved, reached, activated, accepted. */
  static final Map<String, Answer> HAPPY_PATH = Map.of(
      "reviewApplication", new Answer(variable -> Actor.REVIEWER,
          Map.of("reviewDecision", "approve", "reviewComment", "欢迎加入")),
      "callApplicant", new Answer(variable -> Actor.ACCOUNT_MANAGER, Map.of("callOutcome", "reached", "callNotes", "OK")),
      "activatePublishing", new Answer(variable -> Actor.isv((String) variable.apply("publisherId")),
          Map.of("credentialType", "partnerId", "credential", "1234567")),
      "reviewImageSize", new Answer(variable -> Actor.SUPPORT,
          Map.of("reviewDecision", "approve", "reviewComment", "OK")));

  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final ManagementService managementService;
  private final IdentityService identityService;
  private final Map<String, Answer> answers;
  /** When it runs (item 5), these people leave every job to it and wait. */
  private final JobExecutor jobExecutor;

  EmulatedPeople(ProcessEngine engine, Map<String, Answer> answers) {
    this.runtimeService = engine.getRuntimeService();
    this.taskService = engine.getTaskService();
    this.managementService = engine.getManagementService();
    this.identityService = engine.getIdentityService();
    this.answers = answers;
    this.jobExecutor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
  }

  /** Runs the instance to its end; fails when it stops where no job is due and no person answers. */
  void driveToEnd(String processInstanceId) {
    while (true) {
      List<Job> due = managementService.createJobQuery().processInstanceId(processInstanceId).executable().list();
      if (!due.isEmpty() && jobExecutor.isActive()) {
        // the job executor runs them: running them here too would race it for the same rows
        awaitJobExecutor();
        continue;
      }
      if (!due.isEmpty()) {
        due.forEach(job -> managementService.executeJob(job.getId()));
        continue;
      }
      List<Task> open = taskService.createTaskQuery().processInstanceId(processInstanceId).list();
      if (open.isEmpty()) {
        break;
      }
      for (Task task : open) {
        complete(task);
      }
    }
    if (runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0) {
      throw new IllegalStateException("instance " + processInstanceId + " waits with no due job and no open task: "
          + runtimeService.getActiveActivityIds(processInstanceId));
    }
  }

  private static void awaitJobExecutor() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the job executor", e);
    }
  }

  private void complete(Task task) {
    Answer answer = answers.get(task.getTaskDefinitionKey());
    if (answer == null) {
      throw new IllegalStateException("no emulated person answers user task " + task.getTaskDefinitionKey()
          + ": add it to EmulatedPeople.HAPPY_PATH");
    }
    Actor actor = answer.who().apply(name -> runtimeService.getVariable(task.getProcessInstanceId(), name));
    actor.act(identityService, () -> {
      taskService.complete(task.getId(), new HashMap<>(answer.decision()));
      return null;
    });
  }
}
