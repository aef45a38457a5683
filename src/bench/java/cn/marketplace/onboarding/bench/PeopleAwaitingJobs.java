package cn.marketplace.onboarding.bench;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;

/**
 * Drives one process instance to its end the way its people would while the <em>job executor</em>
 * runs every job (asynchronous steps, timers): it completes each user task as soon as it appears,
 * makes the timers it is told to due at once (as if their time had come), and otherwise waits.
 * Unlike {@link EmulatedPeople} it never runs a job itself, so what the history records between a
 * job's creation and its execution is the job executor's own delay.
 */
final class PeopleAwaitingJobs {

  /** Who completes a task (given a look-up of the instance's variables), and with which variables. */
  record Answer(Function<Function<String, Object>, Actor> who, Function<Function<String, Object>, Map<String, Object>> decision) {

    static Answer fixed(Function<Function<String, Object>, Actor> who, Map<String, Object> decision) {
      return new Answer(who, variable -> decision);
    }
  }

  private static final long POLL_MILLIS = 20;

  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final ManagementService managementService;
  private final IdentityService identityService;
  private final Map<String, Answer> answers;
  private final Set<String> timersDueAtOnce;
  private final long timeoutMillis;
  private final AtomicInteger optimisticLockingFailures = new AtomicInteger();
  /** The job definitions of {@link #timersDueAtOnce}, looked up once the processes are deployed. */
  private volatile Set<String> timerDefinitions;
  private final Map<String, TaskSeen> tasksSeen = new ConcurrentHashMap<>();

  PeopleAwaitingJobs(ProcessEngine engine, Map<String, Answer> answers, Set<String> timersDueAtOnce,
      long timeoutMillis) {
    this.runtimeService = engine.getRuntimeService();
    this.taskService = engine.getTaskService();
    this.managementService = engine.getManagementService();
    this.identityService = engine.getIdentityService();
    this.answers = answers;
    this.timersDueAtOnce = timersDueAtOnce;
    this.timeoutMillis = timeoutMillis;
  }

  /** When an emulated person first saw a task and when it asked the engine to complete it (epoch ms). */
  record TaskSeen(long seen, long completing) {}

  /** Per task ID, when it was seen and completed. */
  Map<String, TaskSeen> tasksSeen() {
    return Map.copyOf(tasksSeen);
  }

  /** Task completions that lost a race with the job executor on the same rows, and were tried again. */
  int optimisticLockingFailures() {
    return optimisticLockingFailures.get();
  }

  /**
   * Waits until the instance ends; fails when a job fails or the instance is not done in time. Each
   * look costs one task query, and one job query when no task is open, so that the people's polling
   * takes little from the job executor.
   */
  void driveToEnd(String processInstanceId) {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (true) {
      List<Task> open = taskService.createTaskQuery().processInstanceId(processInstanceId).list();
      if (!open.isEmpty()) {
        open.forEach(this::complete);
        continue;
      }
      List<Job> jobs = managementService.createJobQuery().processInstanceId(processInstanceId).list();
      if (jobs.isEmpty()
          && runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).count() == 0) {
        return;
      }
      for (Job job : jobs) {
        if (job.getExceptionMessage() != null) {
          throw new IllegalStateException("a job of instance " + processInstanceId + " failed at "
              + job.getFailedActivityId() + ": " + job.getExceptionMessage());
        }
        if (isTimerDueAtOnce(job) && job.getDuedate().getTime() > System.currentTimeMillis()) {
          managementService.setJobDuedate(job.getId(), new Date());
        }
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("instance " + processInstanceId + " not done after " + timeoutMillis
            + " ms, waiting at " + runtimeService.getActiveActivityIds(processInstanceId));
      }
      sleep();
    }
  }

  private boolean isTimerDueAtOnce(Job job) {
    if (timerDefinitions == null) {
      timerDefinitions = managementService.createJobDefinitionQuery()
          .activityIdIn(timersDueAtOnce.toArray(String[]::new)).list().stream().map(JobDefinition::getId)
          .collect(Collectors.toUnmodifiableSet());
    }
    return job.getDuedate() != null && timerDefinitions.contains(job.getJobDefinitionId());
  }

  private void complete(Task task) {
    long seen = System.currentTimeMillis();
    Answer answer = answers.get(task.getTaskDefinitionKey());
    if (answer == null) {
      throw new IllegalStateException("no emulated person answers user task " + task.getTaskDefinitionKey());
    }
    Function<String, Object> variables = name -> runtimeService.getVariable(task.getProcessInstanceId(), name);
    Actor actor = answer.who().apply(variables);
    Map<String, Object> decision = new HashMap<>(answer.decision().apply(variables));
    while (true) {
      try {
        tasksSeen.put(task.getId(), new TaskSeen(seen, System.currentTimeMillis()));
        actor.act(identityService, () -> {
          taskService.complete(task.getId(), decision);
          return null;
        });
        return;
      } catch (OptimisticLockingException raced) {
        optimisticLockingFailures.incrementAndGet();
        sleep();
      }
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
