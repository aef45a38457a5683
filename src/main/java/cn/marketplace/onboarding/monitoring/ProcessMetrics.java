package cn.marketplace.onboarding.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Counters and timers from the engine's history event stream, which the Camunda starter publishes
 * as Spring events ({@code camunda.bpm.eventing.history}): instances started and ended per
 * process, and how long each stage (task, wait, sub-process) took. Counted after the engine's
 * transaction commits, so a job that rolls back and is retried counts once. Each node counts
 * what it executed: sum over nodes.
 */
@Component
class ProcessMetrics {

  static final String STARTED = "onboarding.process.instances.started";
  static final String ENDED = "onboarding.process.instances.ended";
  static final String STAGE_DURATION = "onboarding.stage.duration";

  /** Activity types that take time of their own; gateways and none events pass in an instant. */
  private static final Set<String> STAGES = Set.of("userTask", "serviceTask", "sendTask", "receiveTask",
      "scriptTask", "businessRuleTask", "manualTask", "task", "callActivity", "subProcess", "intermediateTimer",
      "intermediateMessageCatch", "intermediateSignalCatch", "intermediateConditional");

  private final MeterRegistry registry;

  ProcessMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @TransactionalEventListener
  void on(HistoryEvent event) {
    if (event instanceof HistoricProcessInstanceEventEntity instance) {
      if (event.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_START)) {
        Counter.builder(STARTED).description("Process instances started")
            .tag("process", instance.getProcessDefinitionKey()).register(registry).increment();
      } else if (event.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_END)) {
        Counter.builder(ENDED).description("Process instances ended")
            .tag("process", instance.getProcessDefinitionKey())
            .tag("state", String.valueOf(instance.getState())).register(registry).increment();
      }
    } else if (event instanceof HistoricActivityInstanceEventEntity activity
        && event.isEventOfType(HistoryEventTypes.ACTIVITY_INSTANCE_END)
        && STAGES.contains(activity.getActivityType()) && activity.getDurationInMillis() != null) {
      Timer.builder(STAGE_DURATION).description("How long a stage of a process took, from entering to leaving it")
          .tag("process", activity.getProcessDefinitionKey()).tag("activity", activity.getActivityId())
          .register(registry).record(Duration.ofMillis(activity.getDurationInMillis()));
    }
  }
}
