package cn.marketplace.onboarding.engine;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.testsupport.OnboardingSpringTest;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A form submitted for a task whose form shows a task-local value of the same name: the submitted
 * value reaches the instance, as a completion's does, whether the task has boundary events (an
 * activity scope of its own) or not.
 */
@OnboardingSpringTest
class TaskFormsTest {

  private static final String PROCESS = "taskFormSubmissionsProbe";

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired FormService formService;
  @Autowired HistoryService historyService;

  @BeforeEach
  void deploy() {
    BpmnModelInstance model = Bpmn.createExecutableProcess(PROCESS).camundaHistoryTimeToLive(1)
        .startEvent()
        .userTask("plain").camundaTaskListenerExpression(TaskListener.EVENTNAME_CREATE,
            "${task.setVariableLocal('version', '1.0.0')}")
        .userTask("scoped").camundaTaskListenerExpression(TaskListener.EVENTNAME_CREATE,
            "${task.setVariableLocal('version', '1.0.0')}")
        .boundaryEvent("late").cancelActivity(false).timerWithDuration("P30D").endEvent().moveToActivity("scoped")
        .userTask("after")
        .endEvent()
        .done();
    repositoryService.createDeployment().name(PROCESS).enableDuplicateFiltering(true)
        .addModelInstance(PROCESS + ".bpmn", model).deploy();
  }

  @Test
  void aSubmittedFieldReachesTheInstanceAndNotTheTasksLocalCopy() {
    String pi = runtimeService.startProcessInstanceByKey(PROCESS).getId();

    Task plain = task(pi);
    assertThat(formService.getTaskFormVariables(plain.getId()).get("version")).isEqualTo("1.0.0");
    formService.submitTaskForm(plain.getId(), Map.of("version", "1.2.3", "reviewComment", "fixed"));
    assertThat(runtimeService.getVariables(pi)).containsEntry("version", "1.2.3").containsEntry("reviewComment", "fixed");

    Task scoped = task(pi);
    assertThat(formService.getTaskFormVariables(scoped.getId()).get("version")).isEqualTo("1.0.0");
    formService.submitTaskForm(scoped.getId(), Map.of("version", "2.0.0"));
    assertThat(runtimeService.getVariable(pi, "version")).isEqualTo("2.0.0");

    Task after = task(pi);
    assertThat(after.getTaskDefinitionKey()).isEqualTo("after");
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(pi).variableName("version")
        .list()).filteredOn(v -> v.getTaskId() == null).singleElement()
        .satisfies(v -> assertThat(v.getValue()).isEqualTo("2.0.0"));
  }

  private Task task(String pi) {
    return taskService.createTaskQuery().processInstanceId(pi).singleResult();
  }
}
