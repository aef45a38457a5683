package cn.marketplace.onboarding.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.stereotype.Component;

/**
 * The fields a user fills in on the form of a step that may have ended long ago: the step's
 * {@code camunda:formRef} in its definition, looked up among the forms deployed with it (the
 * diagrams bind their forms by deployment). A deployment never changes, so what was read is kept.
 */
@Component
class HistoryForms {

  /** The key of the start forms among the activities'. */
  private static final String START = "";

  private final RepositoryService repositoryService;
  private final ObjectMapper json;
  private final Map<String, Map<String, Set<String>>> editableByActivityByDefinition = new ConcurrentHashMap<>();

  HistoryForms(RepositoryService repositoryService, ObjectMapper json) {
    this.repositoryService = repositoryService;
    this.json = json;
  }

  /** The editable fields of the user task's form; none when it has no form. */
  Set<String> taskFormFields(String processDefinitionId, String taskDefinitionKey) {
    return of(processDefinitionId).getOrDefault(taskDefinitionKey, Set.of());
  }

  /** The editable fields of the definition's start forms. */
  Set<String> startFormFields(String processDefinitionId) {
    return of(processDefinitionId).getOrDefault(START, Set.of());
  }

  private Map<String, Set<String>> of(String processDefinitionId) {
    return editableByActivityByDefinition.computeIfAbsent(processDefinitionId, this::read);
  }

  private Map<String, Set<String>> read(String processDefinitionId) {
    ProcessDefinition definition = repositoryService.getProcessDefinition(processDefinitionId);
    Map<String, FormFields> formsById = new HashMap<>();
    for (String resource : repositoryService.getDeploymentResourceNames(definition.getDeploymentId())) {
      if (resource.endsWith(".form")) {
        try (InputStream in = repositoryService.getResourceAsStream(definition.getDeploymentId(), resource)) {
          FormFields form = FormFields.read(in, json);
          formsById.put(form.formId(), form);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    Map<String, Set<String>> editable = new HashMap<>();
    for (FlowElement element : repositoryService.getBpmnModelInstance(processDefinitionId)
        .getModelElementsByType(FlowElement.class)) {
      String formRef = element instanceof UserTask task ? task.getCamundaFormRef()
          : element instanceof StartEvent start ? start.getCamundaFormRef() : null;
      Optional.ofNullable(formRef).map(formsById::get).ifPresent(form -> editable.merge(
          element instanceof StartEvent ? START : element.getId(), form.editable(), HistoryForms::union));
    }
    return Map.copyOf(editable);
  }

  private static Set<String> union(Set<String> one, Set<String> other) {
    Set<String> both = new HashSet<>(one);
    both.addAll(other);
    return Set.copyOf(both);
  }
}
