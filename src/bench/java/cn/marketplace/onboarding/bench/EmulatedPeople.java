package cn.marketplace.onboarding.bench;

import cn.marketplace.onboarding.submission.SubmissionFixtures;
import cn.marketplace.onboarding.testsupport.PartnerIds;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
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
 * completed by the person who owns it with what that person decides, and when nothing else is left,
 * the timers that the lifecycle makes due at once (the agreed release time). The same answers serve a
 * product process and its bare twin (their task and activity IDs are the same).
 *
 * <p>A stage added to a process needs one line in {@link #happyPath} when it adds a user task: who
 * answers it, and what.
 */
final class EmulatedPeople {

  /** Timers that wait for a time people agreed on; the benchmark fires them at once instead of waiting. */
  static final Set<String> DUE_AT_ONCE = Set.of("timerReleaseAt");

  /** Who completes a task and with which variables, each given a look-up of the instance's variables. */
  record Answer(Function<Function<String, Object>, Actor> who,
      Function<Function<String, Object>, Map<String, Object>> decision) {

    static Answer of(Function<Function<String, Object>, Actor> who, Map<String, Object> decision) {
      return new Answer(who, variable -> decision);
    }
  }

  /**
   * The happy path of every process: approved, reached, activated, accepted, certified with a complete
   * questionnaire, reviewed, verified in pre-release and scheduled at {@code releaseAt} (a time REL-1
   * allows, ISO-8601).
   */
  static Map<String, Answer> happyPath(Supplier<String> releaseAt) {
    Function<Function<String, Object>, Actor> isv = variable -> Actor.isv((String) variable.apply("publisherId"));
    return Map.of(
        "reviewApplication", Answer.of(variable -> Actor.REVIEWER,
            Map.of("reviewDecision", "approve", "reviewComment", "欢迎加入")),
        "callApplicant", Answer.of(variable -> Actor.ACCOUNT_MANAGER, Map.of("callOutcome", "reached", "callNotes", "OK")),
        // one partner ID, one organisation (ACT-5): each publisher its own
        "activatePublishing", new Answer(isv,
            variable -> Map.of("credentialType", "partnerId", "credential", PartnerIds.unused())),
        "reviewImageSize", Answer.of(variable -> Actor.SUPPORT,
            Map.of("reviewDecision", "approve", "reviewComment", "OK")),
        "answerQuestionnaire", Answer.of(isv, Map.copyOf(SubmissionFixtures.completeQuestionnaire())),
        "reviewSubmission", Answer.of(variable -> Actor.SUPPORT, Map.of("reviewDecision", "approve")),
        "verifyStaging", Answer.of(isv, Map.of("stagingDecision", "requestProduction", "preferredWindow", "any morning")),
        "scheduleRelease", new Answer(variable -> Actor.SUPPORT, variable -> Map.of("releaseAt", releaseAt.get())));
  }

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
      if (!open.isEmpty()) {
        open.forEach(this::complete);
        continue;
      }
      if (!fireTimersDueAtOnce(processInstanceId)) {
        break;
      }
    }
    if (runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0) {
      throw new IllegalStateException("instance " + processInstanceId + " waits with no due job and no open task: "
          + runtimeService.getActiveActivityIds(processInstanceId));
    }
  }

  /** Executes the instance's waiting {@link #DUE_AT_ONCE} timers as the job executor would once due; false if none. */
  private boolean fireTimersDueAtOnce(String processInstanceId) {
    boolean fired = false;
    for (String activityId : DUE_AT_ONCE) {
      for (Job timer : managementService.createJobQuery().processInstanceId(processInstanceId).timers()
          .activityId(activityId).list()) {
        managementService.executeJob(timer.getId());
        fired = true;
      }
    }
    return fired;
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
          + ": add it to EmulatedPeople.happyPath");
    }
    Function<String, Object> variable = name -> runtimeService.getVariable(task.getProcessInstanceId(), name);
    Actor actor = answer.who().apply(variable);
    Map<String, Object> decision = answer.decision().apply(variable);
    actor.act(identityService, () -> {
      taskService.complete(task.getId(), new HashMap<>(decision));
      return null;
    });
  }
}
