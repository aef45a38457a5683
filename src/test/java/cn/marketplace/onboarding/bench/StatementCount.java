package cn.marketplace.onboarding.bench;

import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * SQL statements the database executes for a piece of work, from H2's own query statistics: a
 * figure that, unlike a time, does not depend on how busy the machine is. H2 only (PostgreSQL would
 * need the pg_stat_statements extension).
 */
final class StatementCount {

  private final JdbcTemplate jdbc;

  StatementCount(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  long of(Runnable work) {
    jdbc.execute("SET QUERY_STATISTICS_MAX_ENTRIES 100000");
    jdbc.execute("SET QUERY_STATISTICS TRUE");
    try {
      work.run();
      Long executed = jdbc.queryForObject(
          "select sum(execution_count) from information_schema.query_statistics", Long.class);
      return executed == null ? 0 : executed;
    } finally {
      // switching off drops the statistics, so the next count starts from none
      jdbc.execute("SET QUERY_STATISTICS FALSE");
    }
  }
}
