package cn.marketplace.onboarding.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whoever completes a task or starts a process submits the fields of its form and nothing else. A
 * variable the form does not have ({@code submittedBy}, {@code submissionId},
 * {@code certificationPassed}...) or another value for a field the form only shows is refused,
 * naming the field: the variables our gateways and delegates rely on are set by them, never by a
 * caller. Beside {@code variables}, a body may carry nothing ({@code startInstructions},
 * {@code businessKey}, {@code withVariablesInReturn}, {@code skipCustomListeners}...): the form has
 * no such field.
 */
final class FormSubmissionRules {

  private final DeployedForms forms;

  FormSubmissionRules(DeployedForms forms) {
    this.forms = forms;
  }

  /** What a task completion's body does that the task's form does not allow, one sentence per field. */
  List<String> ofTaskCompletion(String taskId, JsonNode body, boolean administrator) {
    return refusals(forms.ofTask(taskId), body, taskId, administrator, "task " + taskId);
  }

  /** The same for a start, by definition ID or (when {@code definitionId} is null) by key. */
  List<String> ofStart(String definitionId, String definitionKey, JsonNode body, boolean administrator) {
    return refusals(forms.ofStart(definitionId, definitionKey), body, null, administrator,
        "process " + (definitionId != null ? definitionId : definitionKey));
  }

  /** The names a task's form-variables request may ask for: its form's fields. */
  Optional<FormFields> formOfTask(String taskId) {
    return forms.ofTask(taskId);
  }

  private List<String> refusals(Optional<FormFields> deployed, JsonNode body, String taskId, boolean administrator,
      String what) {
    List<String> refusals = new ArrayList<>();
    if (!administrator) {
      for (Iterator<String> members = body.fieldNames(); members.hasNext(); ) {
        String member = members.next();
        if (!"variables".equals(member)) {
          refusals.add("Field '" + member + "' may not be sent: a form submits its variables only.");
        }
      }
    }
    JsonNode variables = body.path("variables");
    if (deployed.isEmpty()) {
      // administrators keep the engine's own API for what has no form; nobody else sets variables there
      if (!administrator && variables.size() > 0) {
        refusals.add("Field 'variables' may not be sent: " + what + " has no form.");
      }
      return refusals;
    }
    FormFields form = deployed.get();
    for (Iterator<Map.Entry<String, JsonNode>> fields = variables.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      if (form.editable().contains(name)) {
        continue;
      }
      if (form.shown().contains(name)) {
        if (taskId == null || !sameValue(forms.shownValue(taskId, name), field.getValue().path("value"))) {
          refusals.add("Field '" + name + "' of form '" + form.formId() + "' is read-only: it may not be changed.");
        }
      } else {
        refusals.add("Field '" + name + "' is not on form '" + form.formId() + "': only the form's fields may be submitted.");
      }
    }
    return refusals;
  }

  private static boolean sameValue(Object shown, JsonNode submitted) {
    if (shown == null) {
      return submitted.isMissingNode() || submitted.isNull();
    }
    return submitted.isValueNode() && submitted.asText().equals(String.valueOf(shown));
  }
}
