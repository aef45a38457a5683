package cn.marketplace.onboarding.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.form.FormField;
import org.camunda.bpm.engine.form.TaskFormData;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseUtil;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.FormFieldImpl;
import org.camunda.bpm.engine.impl.form.handler.TaskFormHandler;
import org.camunda.bpm.engine.impl.form.type.StringFormType;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.impl.value.UntypedValueImpl;
import org.springframework.stereotype.Component;

/**
 * How every user task of every deployed diagram shows and takes its form.
 * <ul>
 *   <li>Shown: the fields its {@link ShownFields} bean reads from our records, when the form is opened
 *       ({@code form-variables}, as Tasklist opens it), as form fields that come before the instance's
 *       variables of the same name. No copy is stored: nothing to write when the task is created,
 *       nothing to remove when it is done, and the form shows the records as they are.</li>
 *   <li>Taken: a submitted form ({@code submit-form}, as Tasklist sends it) sets its values where a
 *       completion with variables ({@code complete}, {@code TaskService.complete}) sets them: on the
 *       task's execution, in the nearest scope that holds the name, else on the process instance. The
 *       engine's own handler writes them through the task instead, where a task-local variable of the
 *       same name would take the user's value and lose it with the task.</li>
 * </ul>
 */
@Component
public class TaskForms extends AbstractProcessEnginePlugin {

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
        Map<String, String> properties = BpmnParseUtil.parseCamundaExtensionProperties(userTaskElement);
        String shownFields = properties == null ? null : properties.get(ShownFields.PROPERTY);
        definition.setTaskFormHandler(new ProductTaskForm(definition.getTaskFormHandler(), shownFields == null ? null
            : Context.getProcessEngineConfiguration().getExpressionManager().createExpression(shownFields)));
      }
    }
  }

  /** The engine's handler, given the task's execution in place of the task, and the shown fields added. */
  record ProductTaskForm(TaskFormHandler handler, Expression shownFields) implements TaskFormHandler {

    @Override
    public void submitFormVariables(VariableMap properties, VariableScope scope) {
      handler.submitFormVariables(properties,
          scope instanceof TaskEntity task && task.getExecution() != null ? task.getExecution() : scope);
    }

    @Override
    public TaskFormData createTaskForm(TaskEntity task) {
      TaskFormData form = handler.createTaskForm(task);
      if (shownFields != null && task.getExecution() != null) {
        Map<String, Object> shown = ((ShownFields) shownFields.getValue(task)).of(task);
        List<FormField> fields = form.getFormFields();
        shown.forEach((name, value) -> fields.add(field(name, value)));
      }
      return form;
    }

    @Override
    public void parseConfiguration(Element activityElement, DeploymentEntity deployment,
        ProcessDefinitionEntity processDefinition, BpmnParse bpmnParse) {
      handler.parseConfiguration(activityElement, deployment, processDefinition, bpmnParse);
    }

    /** A form field holding {@code value}, typed as the engine types a variable of that value. */
    private static FormField field(String name, Object value) {
      FormFieldImpl field = new FormFieldImpl();
      field.setId(name);
      field.setLabel(name);
      field.setType(new StringFormType());
      if (value == null) {
        field.setValue(Variables.untypedNullValue());
        return field;
      }
      UntypedValueImpl untyped = new UntypedValueImpl(value);
      field.setValue(Context.getProcessEngineConfiguration().getVariableSerializers().findSerializerForValue(untyped)
          .convertToTypedValue(untyped));
      return field;
    }
  }
}
