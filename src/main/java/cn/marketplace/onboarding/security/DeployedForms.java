package cn.marketplace.onboarding.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Component;

/**
 * The deployed forms of tasks and start events, and the values a task's form shows. Read without
 * the caller's rights: the guard only compares what the caller sends with the form, and whether
 * the caller may complete or start at all stays the engine's decision, taken after the guard.
 */
@Component
class DeployedForms {

  private final FormService formService;
  private final RepositoryService repositoryService;
  private final TaskService taskService;
  private final IdentityService identityService;
  private final ObjectMapper json;

  DeployedForms(FormService formService, RepositoryService repositoryService, TaskService taskService,
      IdentityService identityService, ObjectMapper json) {
    this.formService = formService;
    this.repositoryService = repositoryService;
    this.taskService = taskService;
    this.identityService = identityService;
    this.json = json;
  }

  /** The form of the task, if the task exists and has a deployed Camunda form. */
  Optional<FormFields> ofTask(String taskId) {
    return withoutCaller(() -> read(() -> formService.getDeployedTaskForm(taskId)));
  }

  /** The start form of a process definition given by ID, or by key (its latest version). */
  Optional<FormFields> ofStart(String processDefinitionId, String processDefinitionKey) {
    return withoutCaller(() -> {
      String id = processDefinitionId;
      if (id == null) {
        ProcessDefinition latest = repositoryService.createProcessDefinitionQuery()
            .processDefinitionKey(processDefinitionKey).withoutTenantId().latestVersion().singleResult();
        if (latest == null) {
          return Optional.empty();
        }
        id = latest.getId();
      }
      String definition = id;
      return read(() -> formService.getDeployedStartForm(definition));
    });
  }

  /** The value of {@code name} the task's form shows: the task's variable, or its instance's. */
  Object shownValue(String taskId, String name) {
    return withoutCaller(() -> taskService.getVariable(taskId, name));
  }

  private Optional<FormFields> read(Supplier<InputStream> form) {
    try (InputStream in = form.get()) {
      return Optional.of(FormFields.read(in, json));
    } catch (ProcessEngineException noSuchTaskOrNoForm) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private <T> T withoutCaller(Supplier<T> lookup) {
    Authentication caller = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      return lookup.get();
    } finally {
      if (caller != null) {
        identityService.setAuthentication(caller);
      }
    }
  }
}
