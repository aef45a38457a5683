package cn.marketplace.onboarding.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * SQL statements the database executes for a piece of work, from H2's own query statistics: a
 * figure that, unlike a time, does not depend on how busy the machine is. H2 only (PostgreSQL would
 * need the pg_stat_statements extension).
 */
final class StatementCount {

  private static final String EXECUTED = "select sum(execution_count) from information_schema.query_statistics";
  private static final String BY_STATEMENT =
      "select sql_statement, execution_count from information_schema.query_statistics";

  private final JdbcTemplate jdbc;
  /** Reads of the statistics by {@link #executedSoFar} since {@link #of} began: they are in the statistics too. */
  private long reads;
  private Map<String, Long> lastByStatement = Map.of();

  StatementCount(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  long of(Runnable work) {
    jdbc.execute("SET QUERY_STATISTICS_MAX_ENTRIES 100000");
    jdbc.execute("SET QUERY_STATISTICS TRUE");
    reads = 0;
    try {
      work.run();
      long executed = executedSoFar();
      Map<String, Long> byStatement = new LinkedHashMap<>();
      jdbc.query(BY_STATEMENT, row -> {
        byStatement.merge(row.getString(1), row.getLong(2), Long::sum);
      });
      byStatement.remove(EXECUTED);
      lastByStatement = byStatement;
      return executed;
    } finally {
      // switching off drops the statistics, so the next count starts from none
      jdbc.execute("SET QUERY_STATISTICS FALSE");
    }
  }

  /** Each SQL text the last {@link #of} executed, with how many times, most frequent first. */
  Map<String, Long> byStatement() {
    Map<String, Long> sorted = new LinkedHashMap<>();
    lastByStatement.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
    return sorted;
  }

  /** Statements executed since {@link #of} began, not counting these reads; for the parts of its work. */
  long executedSoFar() {
    Long executed = jdbc.queryForObject(EXECUTED, Long.class);
    return (executed == null ? 0 : executed) - reads++;
  }
}
