package cn.marketplace.onboarding.notification;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * What a diagram's mail step ({@code ${sendMail}}) says in its extension properties
 * ({@code camunda:properties}, the Modeler's "Extension properties"): the template and, for a mail to
 * staff, the group. Read from the deployed model, which the engine caches, rather than given as input
 * parameters: those would be variables, each a row written, kept in history and deleted again.
 *
 * @param template the mail template to send
 * @param toGroup the group whose members receive the mail instead of the instance's contact; null for the contact
 */
public record MailStep(String template, String toGroup) {

  /** The property naming the mail template to send. */
  public static final String TEMPLATE = "template";
  /** The property naming the group whose members receive the mail instead of the instance's contact. */
  public static final String TO_GROUP = "toGroup";

  /** The mail step that {@code execution} is at; fails when its element names no template. */
  public static MailStep of(DelegateExecution execution) {
    BaseElement element = execution.getBpmnModelElementInstance();
    String template = property(element, TEMPLATE);
    if (template == null || template.isBlank()) {
      throw new IllegalStateException("Mail step " + execution.getCurrentActivityId() + " of "
          + execution.getProcessDefinitionId() + " names no template (extension property " + TEMPLATE + ")");
    }
    return new MailStep(template, property(element, TO_GROUP));
  }

  /** The value of the extension property {@code name} of {@code element}; null without one. */
  static String property(BaseElement element, String name) {
    ExtensionElements extensions = element == null ? null : element.getExtensionElements();
    if (extensions == null) {
      return null;
    }
    for (CamundaProperties properties : extensions.getChildElementsByType(CamundaProperties.class)) {
      for (CamundaProperty property : properties.getCamundaProperties()) {
        if (name.equals(property.getCamundaName())) {
          return property.getCamundaValue();
        }
      }
    }
    return null;
  }
}
