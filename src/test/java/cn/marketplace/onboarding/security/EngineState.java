package cn.marketplace.onboarding.security;

import cn.marketplace.onboarding.testsupport.MailServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;

/**
 * What an attacker could have changed, as one comparable map: every runtime variable with its value,
 * every instance, task, job and incident with the fields a request could change, the counts of the
 * history, identity, authorization, filter and deployment tables, the row count of every table (the
 * engine's comments, attachments and logs, and ours), and the mails GreenMail received.
 */
final class EngineState {

  private EngineState() {}

  static Map<String, String> of(ProcessEngine engine, DataSource dataSource) {
    Map<String, String> state = new TreeMap<>();
    engine.getRuntimeService().createVariableInstanceQuery().disableBinaryFetching().disableCustomObjectDeserialization()
        .list().forEach(variable -> state.put("variable " + variable.getId(),
            variable.getName() + "@" + variable.getExecutionId() + "=" + variable.getValue()));
    engine.getRuntimeService().createProcessInstanceQuery().list().forEach(instance -> state.put(
        "instance " + instance.getId(), "suspended=" + instance.isSuspended() + " businessKey=" + instance.getBusinessKey()));
    engine.getRuntimeService().createExecutionQuery().list().forEach(execution -> state.put(
        "execution " + execution.getId(), execution.getProcessInstanceId() + " suspended=" + execution.isSuspended()));
    engine.getTaskService().createTaskQuery().list().forEach(task -> state.put("task " + task.getId(),
        task.getTaskDefinitionKey() + " assignee=" + task.getAssignee() + " owner=" + task.getOwner() + " due="
            + task.getDueDate() + " priority=" + task.getPriority() + " suspended=" + task.isSuspended()
            + " delegation=" + task.getDelegationState() + " name=" + task.getName()));
    engine.getManagementService().createJobQuery().list().forEach(job -> state.put("job " + job.getId(),
        "retries=" + job.getRetries() + " due=" + job.getDuedate() + " suspended=" + job.isSuspended()
            + " priority=" + job.getPriority()));
    engine.getManagementService().createJobDefinitionQuery().list().forEach(definition -> state.put(
        "job definition " + definition.getId(), "suspended=" + definition.isSuspended()
            + " priority=" + definition.getOverridingJobPriority()));
    engine.getRuntimeService().createIncidentQuery().list().forEach(incident -> state.put(
        "incident " + incident.getId(), incident.getIncidentType() + " " + incident.getAnnotation()));
    engine.getRepositoryService().createProcessDefinitionQuery().list().forEach(definition -> state.put(
        "definition " + definition.getId(), "suspended=" + definition.isSuspended()));
    state.put("count deployments", "" + engine.getRepositoryService().createDeploymentQuery().count());
    state.put("count users", "" + engine.getIdentityService().createUserQuery().count());
    state.put("count groups", "" + engine.getIdentityService().createGroupQuery().count());
    state.put("count tenants", "" + engine.getIdentityService().createTenantQuery().count());
    state.put("count authorizations", "" + engine.getAuthorizationService().createAuthorizationQuery().count());
    state.put("count filters", "" + engine.getFilterService().createFilterQuery().count());
    state.put("count batches", "" + engine.getManagementService().createBatchQuery().count());
    state.put("count historic details", "" + engine.getHistoryService().createHistoricDetailQuery().count());
    state.put("count operation log", "" + engine.getHistoryService().createUserOperationLogQuery().count());
    state.put("count historic instances", "" + engine.getHistoryService().createHistoricProcessInstanceQuery().count());
    state.put("count mails", "" + MailServer.get().getReceivedMessages().length);
    ourTables(dataSource).forEach((table, rows) -> state.put("table " + table, rows));
    return state;
  }

  /** Row counts of every table, the engine's and ours; the metrics the engine logs by itself aside. */
  private static Map<String, String> ourTables(DataSource dataSource) {
    Map<String, String> counts = new TreeMap<>();
    try (Connection connection = dataSource.getConnection()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet found = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
        while (found.next()) {
          String schema = found.getString("TABLE_SCHEM");
          String name = found.getString("TABLE_NAME");
          if (schema != null && (schema.equalsIgnoreCase("INFORMATION_SCHEMA") || schema.equalsIgnoreCase("pg_catalog"))
              || name.toUpperCase().contains("METER_LOG")) {
            continue;
          }
          tables.add((schema == null ? "" : "\"" + schema + "\".") + "\"" + name + "\"");
        }
      }
      try (Statement statement = connection.createStatement()) {
        for (String table : tables) {
          try (ResultSet rows = statement.executeQuery("select count(*) from " + table)) {
            rows.next();
            counts.put(table, rows.getString(1));
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return counts;
  }
}
