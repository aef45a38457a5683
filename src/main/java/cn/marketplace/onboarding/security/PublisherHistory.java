package cn.marketplace.onboarding.security;

import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.engine.Refusal;
import cn.marketplace.onboarding.engine.SecretNames;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.identity.User;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A publisher's own history, safe to show it: its onboarding, image submissions and offer releases
 * (found in our records by its publisher id, which comes from the caller's {@code isv-<id>} group),
 * each with the steps that happened and when, and the outcome; and, on the steps its own users
 * completed (or the start they made), the values they gave on that step's form. Nothing else of the
 * engine's history reaches it: no other variable (the account manager's {@code callNotes}), no
 * assignee, no user id, no comment; secrets never reach history at all ({@code engine.VariableHistoryFilter}).
 * The engine REST API's history resources answer all of these unfiltered, which is why publishers
 * are refused them and read this instead.
 */
@Service
class PublisherHistory {

  /** The publisher's instances, from the records that belong to it. */
  private static final String OWN_INSTANCES = """
      select a.process_instance_id from application a join publisher p on p.application_id = a.id
        where p.id = :publisherId and a.process_instance_id is not null
      union
      select process_instance_id from submission where publisher_id = :publisherId and process_instance_id is not null
      union
      select process_instance_id from offer_release where publisher_id = :publisherId and process_instance_id is not null
      """;

  /** One instance of the publisher's: what it is, where it stands, and its steps, oldest first. */
  record Timeline(String processInstanceId, String process, String state, Instant startedAt, Instant endedAt,
      String outcome, List<Step> steps) {}

  /** One step: a task, an automatic step, an event; {@code yourValues} what the publisher gave on it. */
  record Step(String activityId, String name, String type, Instant startedAt, Instant endedAt, boolean canceled,
      Map<String, Object> yourValues) {}

  private final NamedParameterJdbcTemplate database;
  private final HistoryService historyService;
  private final IdentityService identityService;
  private final HistoryForms forms;

  PublisherHistory(NamedParameterJdbcTemplate database, HistoryService historyService, IdentityService identityService,
      HistoryForms forms) {
    this.database = database;
    this.historyService = historyService;
    this.identityService = identityService;
    this.forms = forms;
  }

  /**
   * The caller's instances, oldest first; with {@code processInstanceId}, that one only. An instance
   * that is not the caller's publisher's is answered as one that does not exist.
   */
  @Transactional(readOnly = true)
  List<Timeline> of(List<String> callerGroups, String processInstanceId) {
    String publisherId = Groups.publisherIdOf(callerGroups).orElseThrow(() -> new Refusal("publisher",
        Refusal.Kind.FORBIDDEN, "not-a-publisher", "Not a publisher",
        "Only a publisher's users read a publisher's history; staff read the audit trail (/api/audit)."));
    Set<String> own = Set.copyOf(database.queryForList(OWN_INSTANCES, Map.of("publisherId", publisherId), String.class));
    if (processInstanceId != null && !own.contains(processInstanceId)) {
      throw new Refusal("processInstanceId", Refusal.Kind.NOT_FOUND, "no-such-instance", "No such instance",
          "Field 'processInstanceId': you have no instance " + processInstanceId + ".");
    }
    Set<String> asked = processInstanceId != null ? Set.of(processInstanceId) : own;
    if (asked.isEmpty()) {
      return List.of();
    }
    Set<String> members = identityService.createUserQuery().memberOfGroup(Groups.publisher(publisherId)).list()
        .stream().map(User::getId).collect(Collectors.toSet());
    return historyService.createHistoricProcessInstanceQuery().processInstanceIds(asked)
        .orderByProcessInstanceStartTime().asc().list().stream()
        .map(instance -> timeline(instance, members)).toList();
  }

  private Timeline timeline(HistoricProcessInstance instance, Set<String> members) {
    List<HistoricActivityInstance> activities = historyService.createHistoricActivityInstanceQuery()
        .processInstanceId(instance.getId()).orderByHistoricActivityInstanceStartTime().asc()
        .orderPartiallyByOccurrence().asc().list();
    Map<String, Map<String, Object>> valuesByActivityInstance = givenValues(instance, activities, members);
    List<Step> steps = activities.stream().filter(PublisherHistory::isStep)
        .map(activity -> new Step(activity.getActivityId(), Optional.ofNullable(activity.getActivityName())
            .orElse(activity.getActivityId()), activity.getActivityType(), instant(activity.getStartTime()),
            instant(activity.getEndTime()), activity.isCanceled(),
            valuesByActivityInstance.getOrDefault(activity.getId(), Map.of())))
        .toList();
    String outcome = instance.getEndActivityId() == null ? null : steps.stream()
        .filter(step -> step.activityId().equals(instance.getEndActivityId())).map(Step::name).findFirst()
        .orElse(instance.getEndActivityId());
    return new Timeline(instance.getId(), instance.getProcessDefinitionKey(), instance.getState(),
        instant(instance.getStartTime()), instant(instance.getEndTime()), outcome, steps);
  }

  /**
   * What the publisher's own users gave, by the activity instance they gave it on: at the start, the
   * start form's fields (set when the instance started); on a task they completed, its form's fields
   * set by that completion (the variables a completion sets share its operation id). A value a step of
   * ours set in the same transaction has a name the form does not have and is left out.
   */
  private Map<String, Map<String, Object>> givenValues(HistoricProcessInstance instance,
      List<HistoricActivityInstance> activities, Set<String> members) {
    Map<String, Map<String, Object>> given = new HashMap<>();
    if (instance.getStartUserId() != null && members.contains(instance.getStartUserId())) {
      Set<String> fields = forms.startFormFields(instance.getProcessDefinitionId());
      activities.stream().filter(activity -> "startEvent".equals(activity.getActivityType())).findFirst()
          .ifPresent(start -> given.put(start.getId(), values(historyService.createHistoricDetailQuery()
              .processInstanceId(instance.getId()).variableUpdates().initial().list().stream()
              .map(HistoricVariableUpdate.class::cast).toList(), fields)));
    }
    List<UserOperationLogEntry> completions = historyService.createUserOperationLogQuery()
        .processInstanceId(instance.getId()).operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list();
    Map<String, HistoricTaskInstance> tasks = historyService.createHistoricTaskInstanceQuery()
        .processInstanceId(instance.getId()).list().stream()
        .collect(Collectors.toMap(HistoricTaskInstance::getId, task -> task));
    for (UserOperationLogEntry completion : completions) {
      if (completion.getTaskId() == null || completion.getOperationId() == null
          || !members.contains(completion.getUserId())) {
        continue;
      }
      HistoricTaskInstance task = tasks.get(completion.getTaskId());
      if (task == null) {
        continue;
      }
      Set<String> fields = forms.taskFormFields(task.getProcessDefinitionId(), task.getTaskDefinitionKey());
      given.put(task.getActivityInstanceId(), values(historyService.createHistoricDetailQuery()
          .userOperationId(completion.getOperationId()).variableUpdates().list().stream()
          .map(HistoricVariableUpdate.class::cast).toList(), fields));
    }
    given.values().removeIf(Map::isEmpty);
    return given;
  }

  private static Map<String, Object> values(List<HistoricVariableUpdate> updates, Set<String> fields) {
    Map<String, Object> values = new LinkedHashMap<>();
    updates.stream().sorted(Comparator.comparing(HistoricVariableUpdate::getTime))
        .filter(update -> fields.contains(update.getVariableName()) && !SecretNames.isSecret(update.getVariableName()))
        .filter(update -> update.getValue() instanceof CharSequence || update.getValue() instanceof Number
            || update.getValue() instanceof Boolean || update.getValue() instanceof Date)
        .forEach(update -> values.put(update.getVariableName(), update.getValue() instanceof Date date
            ? date.toInstant() : update.getValue()));
    return values;
  }

  /** Tasks, automatic steps and events; not the gateways and multi-instance bodies between them. */
  private static boolean isStep(HistoricActivityInstance activity) {
    String type = activity.getActivityType();
    return type != null && !type.endsWith("Gateway") && !"multiInstanceBody".equals(type);
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
