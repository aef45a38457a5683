package cn.marketplace.onboarding.engine;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.jdbc.core.JdbcTemplate;

/** The statements H2 ran for a request, from its query statistics, and the plans H2 explains for them. */
final class H2Statements {

  private H2Statements() {}

  /** Skips a test of H2's plans on another database. */
  static void assumeH2(ProcessEngine engine) {
    assumeTrue("h2".equals(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDatabaseType()));
  }

  /** Runs {@code request} with H2's query statistics on; the statements it ran that contain every one of {@code parts}. */
  static List<String> ranDuring(DataSource dataSource, Runnable request, String... parts) {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    jdbc.execute("SET QUERY_STATISTICS TRUE");
    try {
      request.run();
      return jdbc.queryForList("select sql_statement from information_schema.query_statistics", String.class).stream()
          .filter(statement -> !statement.contains("query_statistics"))
          .filter(statement -> Arrays.stream(parts).allMatch(statement::contains))
          .toList();
    } finally {
      jdbc.execute("SET QUERY_STATISTICS FALSE");
    }
  }

  /** H2's plan for a statement it ran, its parameters left open. */
  static String plan(DataSource dataSource, String statement) {
    return new JdbcTemplate(dataSource).queryForObject("EXPLAIN " + statement, String.class);
  }
}
