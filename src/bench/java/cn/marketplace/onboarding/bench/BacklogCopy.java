package cn.marketplace.onboarding.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;

/**
 * A seeded backlog moved from H2 to PostgreSQL row by row: the engine's schema created on an empty
 * PostgreSQL database by the engine itself, then every {@code ACT_*} row of the H2 backlog copied in
 * JDBC batches (foreign keys checked at the end of the copy, not per row). The product then starts on
 * the same rows on both databases, and PostgreSQL gets its backlog in the time of a copy instead of
 * seeding it again through the engine.
 */
final class BacklogCopy {

  private static final int BATCH = 1_000;

  private BacklogCopy() {}

  /** Copies the engine's tables of {@code h2} into {@code postgres}; returns the rows copied. */
  static long copy(BenchDatabase h2, BenchDatabase postgres) throws SQLException {
    StandaloneProcessEngineConfiguration schema = new StandaloneProcessEngineConfiguration();
    schema.setJdbcUrl(postgres.url()).setJdbcUsername(postgres.user()).setJdbcPassword(postgres.password())
        .setJdbcDriver("org.postgresql.Driver").setDatabaseSchemaUpdate("true").setHistory("full")
        .setJobExecutorActivate(false).setProcessEngineName("bench-schema-" + System.nanoTime());
    ProcessEngine engine = schema.buildProcessEngine();
    engine.close();
    long rows = 0;
    try (Connection from = DriverManager.getConnection(h2.url(), h2.user(), h2.password());
        Connection to = DriverManager.getConnection(postgres.url(), postgres.user(), postgres.password())) {
      to.setAutoCommit(false);
      try (Statement statement = to.createStatement()) {
        statement.execute("set session_replication_role = replica");
      }
      List<String> tables = new ArrayList<>();
      try (ResultSet found = from.getMetaData().getTables(null, "PUBLIC", "ACT_%", new String[] {"TABLE"})) {
        while (found.next()) {
          tables.add(found.getString("TABLE_NAME"));
        }
      }
      for (String table : tables) {
        try (Statement statement = to.createStatement()) {
          statement.execute("delete from " + table);
        }
        rows += copyTable(from, to, table);
      }
      try (Statement statement = to.createStatement()) {
        statement.execute("set session_replication_role = origin");
      }
      to.commit();
      try (Statement statement = to.createStatement()) {
        statement.execute("analyze");
      }
    }
    return rows;
  }

  private static long copyTable(Connection from, Connection to, String table) throws SQLException {
    long rows = 0;
    try (Statement select = from.createStatement(); ResultSet source = select.executeQuery("select * from " + table)) {
      ResultSetMetaData columns = source.getMetaData();
      StringBuilder names = new StringBuilder();
      StringBuilder marks = new StringBuilder();
      for (int c = 1; c <= columns.getColumnCount(); c++) {
        names.append(c > 1 ? ", " : "").append(columns.getColumnName(c));
        marks.append(c > 1 ? ", " : "").append('?');
      }
      try (PreparedStatement insert = to.prepareStatement("insert into " + table + " (" + names + ") values (" + marks
          + ")")) {
        while (source.next()) {
          for (int c = 1; c <= columns.getColumnCount(); c++) {
            Object value = source.getObject(c);
            if (value instanceof java.sql.Blob blob) {
              value = blob.getBytes(1, (int) blob.length());
            } else if (value instanceof java.sql.Clob clob) {
              value = clob.getSubString(1, (int) clob.length());
            }
            insert.setObject(c, value);
          }
          insert.addBatch();
          if (++rows % BATCH == 0) {
            insert.executeBatch();
          }
        }
        insert.executeBatch();
      }
    }
    return rows;
  }
}
