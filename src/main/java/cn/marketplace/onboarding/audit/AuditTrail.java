package cn.marketplace.onboarding.audit;

import static java.util.Comparator.comparing;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.toList;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.history.UserOperationLogQuery;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who decided what and when, read from what is recorded already rather than from a table of its own.
 * <p>
 * People act through engine commands (Tasklist, Cockpit, Admin, the engine REST API), and the engine
 * writes every such command of a signed-in user to its user operation log in the command's own
 * transaction: task completions, claims and assignments, job retries, instance modifications and
 * deletions, user and group changes. With history level {@code full}, the variables a task completion
 * sets carry the same operation id, which gives each completion its decision. Steps the engine runs by
 * itself have no user and no log entry; their results are the product's own records: the
 * {@code publisher} row (account issued, activated) and the {@code offer_release} row (released to
 * production). An {@code audit_event} table written by every service would hold the same facts twice
 * and could miss a completion made in Tasklist, which no service of ours sees.
 * <p>
 * Only what cannot leak is answered: of a completion, the one variable its task is decided with
 * (never comments, credentials or content); of other operations, properties that name users, groups,
 * counts or states; of the product's records, ids. The log is kept as long as the history of its
 * instance; history cleanup removes both.
 */
@Service
public class AuditTrail {

  static final String SYSTEM = "system";
  public static final int MAX_RESULTS = 1000;

  /** The variable each user task is decided with (its form's decision field); whatever else a completion sets is not shown. */
  private static final Map<String, String> DECISION_OF_TASK = Map.of(
      "reviewApplication", "reviewDecision",
      "callApplicant", "callOutcome",
      "activatePublishing", "credentialType",
      "reviewSubmission", "reviewDecision",
      "verifyStaging", "stagingDecision",
      "scheduleRelease", "releaseAt");

  /** Properties of operation log entries that name people or states, never content. */
  private static final Set<String> SHOWN_PROPERTIES =
      Set.of("assignee", "owner", "delegation", "retries", "suspensionState", "nrOfInstances", "userId", "groupId");

  private static final String PRODUCT_RECORDS = """
      select * from (
        select 'IssuePublisherAccount' action, 'publisherOnboarding' process, p.created_at happened_at,
               a.process_instance_id, p.id publisher_id, cast(null as varchar(36)) release_id
          from publisher p join application a on a.id = p.application_id
        union all
        select 'ActivatePublisher', 'publisherOnboarding', p.activated_at, a.process_instance_id, p.id, null
          from publisher p join application a on a.id = p.application_id
        union all
        select 'ReleaseToProduction', 'offerRelease', r.released_at, r.process_instance_id, r.publisher_id, r.id
          from offer_release r
      ) product_record
      where happened_at >= :from and happened_at < :to
        and (:processInstanceId = '' or process_instance_id = :processInstanceId)
      order by happened_at
      limit :maxResults
      """;

  private static final Instant BEGINNING = Instant.parse("2000-01-01T00:00:00Z");
  private static final Instant END = Instant.parse("9999-01-01T00:00:00Z");

  private final HistoryService historyService;
  private final NamedParameterJdbcTemplate database;

  AuditTrail(HistoryService historyService, NamedParameterJdbcTemplate database) {
    this.historyService = historyService;
    this.database = database;
  }

  /** The entries the filter selects, oldest first. */
  @Transactional(readOnly = true)
  public List<AuditEntry> find(AuditFilter filter) {
    Stream<AuditEntry> productRecords = filter.userId() == null || SYSTEM.equals(filter.userId())
        ? productRecords(filter).stream() : Stream.empty();
    return Stream.concat(userOperations(filter).stream(), productRecords)
        .sorted(comparing(AuditEntry::at))
        .limit(filter.maxResults())
        .toList();
  }

  private List<AuditEntry> userOperations(AuditFilter filter) {
    UserOperationLogQuery query = historyService.createUserOperationLogQuery();
    Optional.ofNullable(filter.processInstanceId()).ifPresent(query::processInstanceId);
    Optional.ofNullable(filter.userId()).ifPresent(query::userId);
    // the engine compares both bounds strictly
    Optional.ofNullable(filter.from()).ifPresent(from -> query.afterTimestamp(Date.from(from.minusMillis(1))));
    Optional.ofNullable(filter.to()).ifPresent(to -> query.beforeTimestamp(Date.from(to)));
    // an operation writes one entry per property it changed
    Map<String, List<UserOperationLogEntry>> operations = query.orderByTimestamp().asc()
        .listPage(0, filter.maxResults()).stream()
        .collect(groupingBy(UserOperationLogEntry::getOperationId, LinkedHashMap::new, toList()));
    return operations.values().stream().map(this::entryOf).toList();
  }

  private AuditEntry entryOf(List<UserOperationLogEntry> operation) {
    UserOperationLogEntry first = operation.get(0);
    String task = first.getTaskId() == null ? null : taskKeyOf(first.getTaskId());
    Map<String, String> details = new TreeMap<>();
    for (UserOperationLogEntry change : operation) {
      if (SHOWN_PROPERTIES.contains(change.getProperty()) && change.getNewValue() != null) {
        details.put(change.getProperty(), change.getNewValue());
      }
    }
    String decision = UserOperationLogEntry.OPERATION_TYPE_COMPLETE.equals(first.getOperationType())
        ? decisionOf(first.getOperationId(), task) : null;
    return new AuditEntry(first.getTimestamp().toInstant(), first.getUserId(), first.getOperationType(),
        first.getProcessDefinitionKey(), first.getProcessInstanceId(), task, decision, details);
  }

  private String taskKeyOf(String taskId) {
    HistoricTaskInstance task = historyService.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
    return task == null ? null : task.getTaskDefinitionKey();
  }

  /** {@code name=value} of the task's decision variable as this operation set it; null if it set none. */
  private String decisionOf(String operationId, String taskKey) {
    String variable = DECISION_OF_TASK.get(taskKey);
    if (variable == null) {
      return null;
    }
    return historyService.createHistoricDetailQuery().userOperationId(operationId).variableUpdates()
        .variableNameLike(variable).list().stream()
        .map(HistoricVariableUpdate.class::cast)
        .filter(update -> variable.equals(update.getVariableName()))
        .map(update -> variable + "=" + update.getValue())
        .findFirst().orElse(null);
  }

  private List<AuditEntry> productRecords(AuditFilter filter) {
    var parameters = new MapSqlParameterSource()
        .addValue("from", Timestamp.from(Optional.ofNullable(filter.from()).orElse(BEGINNING)))
        .addValue("to", Timestamp.from(Optional.ofNullable(filter.to()).orElse(END)))
        .addValue("processInstanceId", Optional.ofNullable(filter.processInstanceId()).orElse(""))
        .addValue("maxResults", filter.maxResults());
    return database.query(PRODUCT_RECORDS, parameters, AuditTrail::productRecord);
  }

  private static AuditEntry productRecord(ResultSet row, int rowNumber) throws SQLException {
    Map<String, String> details = new TreeMap<>();
    details.put("publisherId", row.getString("publisher_id"));
    Optional.ofNullable(row.getString("release_id")).ifPresent(releaseId -> details.put("releaseId", releaseId));
    return new AuditEntry(row.getTimestamp("happened_at").toInstant(), SYSTEM, row.getString("action"),
        row.getString("process"), row.getString("process_instance_id"), null, null, details);
  }
}
