package db.migration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A check's and a certification run's findings move from a row each ({@code submission_finding},
 * {@code certification_finding}) to one JSON array on their submission and report, in their order: a
 * check writes dozens of findings at once and every reader takes them all. Each finding becomes
 * {@code {"ruleId", "result", "subject", "messageKey", "args": [...], "evidence", "policyId",
 * "policyVersion"}}, absent values left out. In Java because H2 and PostgreSQL 15 share no SQL that
 * builds JSON; the rest is portable SQL.
 */
public class V13__FindingsAsJson extends BaseJavaMigration {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BATCH = 100;

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    try (Statement statement = connection.createStatement()) {
      statement.execute("alter table submission add column findings varchar(1000000)");
      statement.execute("alter table certification_report add column findings varchar(1000000)");
    }
    move(connection, "submission_finding", "submission_id", "submission");
    move(connection, "certification_finding", "report_id", "certification_report");
    try (Statement statement = connection.createStatement()) {
      statement.execute("drop table submission_finding");
      statement.execute("drop table certification_finding");
    }
  }

  private static void move(Connection connection, String findingTable, String ownerColumn, String ownerTable)
      throws SQLException, java.io.IOException {
    String select = "select " + ownerColumn + ", rule_id, result, subject, message_key, args, evidence, policy_id,"
        + " policy_version from " + findingTable + " order by " + ownerColumn + ", position";
    try (Statement read = connection.createStatement();
        ResultSet rows = read.executeQuery(select);
        PreparedStatement write = connection.prepareStatement(
            "update " + ownerTable + " set findings = ? where id = ?")) {
      String owner = null;
      ArrayNode findings = null;
      int pending = 0;
      while (rows.next()) {
        String rowOwner = rows.getString(1);
        if (!rowOwner.equals(owner)) {
          if (owner != null) {
            pending = add(write, owner, findings, pending);
          }
          owner = rowOwner;
          findings = JSON.createArrayNode();
        }
        ObjectNode finding = findings.addObject();
        finding.put("ruleId", rows.getString(2));
        finding.put("result", rows.getString(3));
        finding.put("subject", rows.getString(4));
        finding.put("messageKey", rows.getString(5));
        finding.set("args", JSON.readTree(rows.getString(6)));
        putPresent(finding, "evidence", rows.getString(7));
        putPresent(finding, "policyId", rows.getString(8));
        putPresent(finding, "policyVersion", rows.getString(9));
      }
      if (owner != null) {
        add(write, owner, findings, pending);
      }
      write.executeBatch();
    }
  }

  private static int add(PreparedStatement write, String owner, ArrayNode findings, int pending) throws SQLException {
    write.setString(1, findings.toString());
    write.setString(2, owner);
    write.addBatch();
    if (pending + 1 == BATCH) {
      write.executeBatch();
      return 0;
    }
    return pending + 1;
  }

  private static void putPresent(ObjectNode finding, String field, String value) {
    if (value != null) {
      finding.put(field, value);
    }
  }
}
