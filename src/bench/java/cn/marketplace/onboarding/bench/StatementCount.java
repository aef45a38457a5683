package cn.marketplace.onboarding.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * SQL statements the database executes for a piece of work: a figure that, unlike a time, does not
 * depend on how busy the machine is. On H2 from its own query statistics; on PostgreSQL from the
 * {@code pg_stat_statements} extension, when the server loads it ({@code shared_preload_libraries}),
 * counting the queries and data changes of the benchmark's own database (PostgreSQL would count the
 * driver's {@code BEGIN} and {@code COMMIT} too, which H2's statistics do not).
 */
abstract class StatementCount {

  final JdbcTemplate jdbc;
  private Map<String, Long> lastByStatement = Map.of();

  private StatementCount(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  /** The count for this database, or empty on a PostgreSQL server without {@code pg_stat_statements} loaded. */
  static Optional<StatementCount> on(DataSource dataSource, boolean postgres) {
    if (!postgres) {
      return Optional.of(new H2(dataSource));
    }
    StatementCount count = new Postgres(dataSource);
    try {
      count.jdbc.execute("create extension if not exists pg_stat_statements");
      count.jdbc.queryForObject("select count(*) from pg_stat_statements", Long.class);
      return Optional.of(count);
    } catch (DataAccessException notLoaded) {
      return Optional.empty();
    }
  }

  /** What the counts are read from, for the report. */
  abstract String source();

  abstract void start();

  abstract void stop();

  /** Statements executed since {@link #start}, not counting the reads of the statistics. */
  abstract long executed();

  abstract void forEachStatement(BiConsumer<String, Long> consumer);

  long of(Runnable work) {
    start();
    try {
      work.run();
      long executed = executedSoFar();
      Map<String, Long> byStatement = new LinkedHashMap<>();
      forEachStatement((sql, executions) -> byStatement.merge(sql, executions, Long::sum));
      lastByStatement = byStatement;
      return executed;
    } finally {
      stop();
    }
  }

  /** Each SQL text the last {@link #of} executed, with how many times, most frequent first. */
  Map<String, Long> byStatement() {
    Map<String, Long> sorted = new LinkedHashMap<>();
    lastByStatement.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
    return sorted;
  }

  /** Statements executed since {@link #of} began; for the parts of its work. */
  long executedSoFar() {
    return executed();
  }

  private static final class H2 extends StatementCount {

    private static final String EXECUTED = "select sum(execution_count) from information_schema.query_statistics";
    /** Reads of the statistics since {@link #start}: H2 counts them too. */
    private long reads;

    H2(DataSource dataSource) {
      super(dataSource);
    }

    @Override
    String source() {
      return "H2 query statistics";
    }

    @Override
    void start() {
      jdbc.execute("SET QUERY_STATISTICS_MAX_ENTRIES 100000");
      jdbc.execute("SET QUERY_STATISTICS TRUE");
      reads = 0;
    }

    @Override
    void stop() {
      // switching off drops the statistics, so the next count starts from none
      jdbc.execute("SET QUERY_STATISTICS FALSE");
    }

    @Override
    long executed() {
      Long executed = jdbc.queryForObject(EXECUTED, Long.class);
      return (executed == null ? 0 : executed) - reads++;
    }

    @Override
    void forEachStatement(BiConsumer<String, Long> consumer) {
      jdbc.query("select sql_statement, execution_count from information_schema.query_statistics",
          row -> {
            if (!row.getString(1).equals(EXECUTED)) {
              consumer.accept(row.getString(1), row.getLong(2));
            }
          });
    }
  }

  private static final class Postgres extends StatementCount {

    /** This database's statements that read or change rows, not the driver's transaction control. */
    private static final String OURS = " from pg_stat_statements where dbid = (select oid from pg_database"
        + " where datname = current_database()) and query ~* '^\\s*(select|insert|update|delete|with)\\M'"
        + " and query not like '%pg_stat_statements%'";

    Postgres(DataSource dataSource) {
      super(dataSource);
    }

    @Override
    String source() {
      return "pg_stat_statements";
    }

    @Override
    void start() {
      jdbc.execute("select pg_stat_statements_reset(0, (select oid from pg_database where datname = current_database()), 0)");
    }

    @Override
    void stop() {
      // the next count resets the statistics at its start
    }

    @Override
    long executed() {
      Long executed = jdbc.queryForObject("select coalesce(sum(calls), 0)" + OURS, Long.class);
      return executed == null ? 0 : executed;
    }

    @Override
    void forEachStatement(BiConsumer<String, Long> consumer) {
      jdbc.query("select query, calls" + OURS, row -> {
        consumer.accept(row.getString(1), row.getLong(2));
      });
    }
  }
}
