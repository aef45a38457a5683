package cn.marketplace.onboarding.engine;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.form.TaskFormData;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.handler.TaskFormHandler;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.variable.VariableMap;
import org.springframework.stereotype.Component;

/**
 * A task's submitted form ({@code submit-form}, as Tasklist sends it) sets its values where a
 * completion with variables ({@code complete}, {@code TaskService.complete}) sets them: on the task's
 * execution, in the nearest scope that holds the name, else on the process instance. The engine's own
 * handler writes them through the task instead, so a field that a show listener filled as a
 * task-local variable of the same name would take the user's value into that local copy, which goes
 * with the task. Applies to every user task of every deployed diagram.
 */
@Component
public class TaskFormSubmissions extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = new ArrayList<>();
    if (configuration.getCustomPostBPMNParseListeners() != null) {
      listeners.addAll(configuration.getCustomPostBPMNParseListeners());
    }
    listeners.add(new UserTaskForms());
    configuration.setCustomPostBPMNParseListeners(listeners);
  }

  static final class UserTaskForms extends AbstractBpmnParseListener {

    @Override
    public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
      if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
        var definition = userTask.getTaskDefinition();
        definition.setTaskFormHandler(new SubmittedToExecution(definition.getTaskFormHandler()));
      }
    }
  }

  /** The engine's handler, given the task's execution in place of the task when a form is submitted. */
  record SubmittedToExecution(TaskFormHandler handler) implements TaskFormHandler {

    @Override
    public void submitFormVariables(VariableMap properties, VariableScope scope) {
      handler.submitFormVariables(properties,
          scope instanceof TaskEntity task && task.getExecution() != null ? task.getExecution() : scope);
    }

    @Override
    public TaskFormData createTaskForm(TaskEntity task) {
      return handler.createTaskForm(task);
    }

    @Override
    public void parseConfiguration(Element activityElement, DeploymentEntity deployment,
        ProcessDefinitionEntity processDefinition, BpmnParse bpmnParse) {
      handler.parseConfiguration(activityElement, deployment, processDefinition, bpmnParse);
    }
  }
}
