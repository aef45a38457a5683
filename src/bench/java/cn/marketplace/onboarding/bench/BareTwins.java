package cn.marketplace.onboarding.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import cn.marketplace.onboarding.engine.AuthorizationGrants;
import cn.marketplace.onboarding.engine.Groups;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The bare engine's processes: each product diagram in {@code processes/}, copied with the same
 * elements (user tasks and their candidate groups, asynchronous service tasks, gateways and their
 * conditions, timers, boundary events) and none of our code: every service task calls one delegate
 * that does nothing, listeners, input/output mappings and shown fields go, forms go, and timers and due dates
 * that call our beans get fixed values. A stage added to a product diagram is in its twin at the
 * next run; its people answer from {@link EmulatedPeople}.
 */
final class BareTwins {

  static final String PREFIX = "bare_";
  private static final String NEVER = "2999-12-31T00:00:00Z";

  private BareTwins() {}

  static String keyOf(String productKey) {
    return PREFIX + productKey;
  }

  /** Deploys the twin of every product diagram, writes it to {@code copies} for reading, and returns their keys. */
  static List<String> deploy(ProcessEngine engine, Path copies) {
    DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("bare twins");
    List<String> keys = new ArrayList<>();
    try {
      Files.createDirectories(copies);
      for (Resource diagram : new PathMatchingResourcePatternResolver().getResources("classpath*:processes/*.bpmn")) {
        BpmnModelInstance twin;
        try (InputStream in = diagram.getInputStream()) {
          twin = twinOf(Bpmn.readModelFromStream(in));
        }
        String name = PREFIX + diagram.getFilename();
        deployment.addModelInstance(name, twin);
        Files.writeString(copies.resolve(name), Bpmn.convertToString(twin));
        twin.getModelElementsByType(Process.class).forEach(p -> keys.add(p.getId()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    deployment.deploy();
    return keys;
  }

  /**
   * Gives each group that may do something with a product process the same on its twin, so that
   * the engine's authorization checks cost the same in both; and what the product grants each
   * publisher on activation (start its publishing processes) to every publisher at once, since the
   * bare onboarding grants nothing.
   */
  static void grantAsOnProduct(AuthorizationService authorizations, AuthorizationGrants grants, List<String> twinKeys) {
    for (String twinKey : twinKeys) {
      String productKey = twinKey.substring(PREFIX.length());
      for (Authorization product : authorizations.createAuthorizationQuery().resourceType(Resources.PROCESS_DEFINITION)
          .resourceId(productKey).authorizationType(Authorization.AUTH_TYPE_GRANT).list()) {
        Permission[] permissions = product.getPermissions(ProcessDefinitionPermissions.values());
        if (product.getGroupId() != null) {
          grants.grantGroup(product.getGroupId(), Resources.PROCESS_DEFINITION, twinKey, permissions);
        } else {
          grants.grantUser(product.getUserId(), Resources.PROCESS_DEFINITION, twinKey, permissions);
        }
      }
      grants.grantGroup(Groups.PUBLISHERS, Resources.PROCESS_DEFINITION, twinKey, ProcessDefinitionPermissions.READ,
          ProcessDefinitionPermissions.CREATE_INSTANCE);
    }
    grants.grantGroup(Groups.PUBLISHERS, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
  }

  static BpmnModelInstance twinOf(BpmnModelInstance product) {
    BpmnModelInstance twin = product.clone();
    for (Process process : twin.getModelElementsByType(Process.class)) {
      process.setName("Bare " + process.getName());
      process.setId(PREFIX + process.getId());
    }
    for (Message message : twin.getModelElementsByType(Message.class)) {
      message.setName(PREFIX + message.getName());
    }
    List<BaseElement> serviceTasks = new ArrayList<>();
    serviceTasks.addAll(twin.getModelElementsByType(ServiceTask.class));
    serviceTasks.addAll(twin.getModelElementsByType(SendTask.class));
    serviceTasks.addAll(twin.getModelElementsByType(BusinessRuleTask.class));
    for (BaseElement task : serviceTasks) {
      for (String attribute : List.of("class", "expression", "resultVariable", "decisionRef", "type", "topic")) {
        task.removeAttributeNs(CAMUNDA_NS, attribute);
      }
      task.setAttributeValueNs(CAMUNDA_NS, "delegateExpression", "${" + BenchConfiguration.BARE_DELEGATE + "}");
    }
    for (UserTask task : twin.getModelElementsByType(UserTask.class)) {
      task.removeAttributeNs(CAMUNDA_NS, "formRef");
      task.removeAttributeNs(CAMUNDA_NS, "formRefBinding");
      task.removeAttributeNs(CAMUNDA_NS, "formKey");
      if (task.getCamundaDueDate() != null && task.getCamundaDueDate().contains("${")) {
        task.setCamundaDueDate("P3D");
      }
    }
    for (StartEvent start : twin.getModelElementsByType(StartEvent.class)) {
      start.removeAttributeNs(CAMUNDA_NS, "formRef");
      start.removeAttributeNs(CAMUNDA_NS, "formRefBinding");
      start.removeAttributeNs(CAMUNDA_NS, "formKey");
    }
    for (TimerEventDefinition timer : twin.getModelElementsByType(TimerEventDefinition.class)) {
      if (timer.getTimeDate() != null && timer.getTimeDate().getTextContent().contains("${")) {
        timer.getTimeDate().setTextContent(NEVER);
      }
      if (timer.getTimeDuration() != null && timer.getTimeDuration().getTextContent().contains("${")) {
        timer.getTimeDuration().setTextContent("P3650D");
      }
      if (timer.getTimeCycle() != null && timer.getTimeCycle().getTextContent().contains("${")) {
        timer.getTimeCycle().setTextContent("R1/P3650D");
      }
    }
    for (BaseElement element : twin.getModelElementsByType(BaseElement.class)) {
      callsNothing(element);
    }
    return twin;
  }

  private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";

  /** Removes our listeners, input/output mappings and shown fields; keeps the retry cycle and the rest of the engine's settings. */
  private static void callsNothing(BaseElement element) {
    ExtensionElements extensions = element.getExtensionElements();
    if (extensions == null) {
      return;
    }
    List<ModelElementInstance> ours = new ArrayList<>();
    ours.addAll(extensions.getChildElementsByType(CamundaTaskListener.class));
    ours.addAll(extensions.getChildElementsByType(CamundaExecutionListener.class));
    ours.addAll(extensions.getChildElementsByType(CamundaInputOutput.class));
    ours.addAll(extensions.getChildElementsByType(CamundaProperties.class));
    ours.forEach(extensions::removeChildElement);
  }
}
