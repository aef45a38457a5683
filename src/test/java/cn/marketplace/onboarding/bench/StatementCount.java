package cn.marketplace.onboarding.bench;

import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * SQL statements the database executes for a piece of work, from H2's own query statistics: a
 * figure that, unlike a time, does not depend on how busy the machine is. H2 only (PostgreSQL would
 * need the pg_stat_statements extension).
 */
final class StatementCount {

  private static final String EXECUTED = "select sum(execution_count) from information_schema.query_statistics";

  private final JdbcTemplate jdbc;
  /** Reads of the statistics by {@link #executedSoFar} since {@link #of} began: they are in the statistics too. */
  private long reads;

  StatementCount(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  long of(Runnable work) {
    jdbc.execute("SET QUERY_STATISTICS_MAX_ENTRIES 100000");
    jdbc.execute("SET QUERY_STATISTICS TRUE");
    reads = 0;
    try {
      work.run();
      return executedSoFar();
    } finally {
      // switching off drops the statistics, so the next count starts from none
      jdbc.execute("SET QUERY_STATISTICS FALSE");
    }
  }

  /** Statements executed since {@link #of} began, not counting these reads; for the parts of its work. */
  long executedSoFar() {
    Long executed = jdbc.queryForObject(EXECUTED, Long.class);
    return (executed == null ? 0 : executed) - reads++;
  }
}
