package cn.marketplace.onboarding.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work that nodes sharing a PostgreSQL database must do one at a time, under a PostgreSQL advisory lock
 * held on a connection of its own. Other databases are not shared by nodes: there the work just runs.
 * For work before our tables exist (our migrations, the engine's schema and indexes); later work takes
 * {@code engine.ClusterLock}, a row lock in {@code cluster_lock} that the work's transaction joins.
 */
public final class AdvisoryLock implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AdvisoryLock.class);

  private final long key;
  /** The session holding the lock; none where nodes share no database. */
  private final Connection session;

  private AdvisoryLock(long key, Connection session) {
    this.key = key;
    this.session = session;
  }

  /** Runs {@code work} while this node holds the lock {@code key}, waiting for another node that holds it. */
  public static void runExclusively(DataSource dataSource, long key, String work, Runnable run) {
    try (AdvisoryLock held = take(dataSource, key, work)) {
      run.run();
    }
  }

  /**
   * Takes the lock {@code key}, waiting for another node that holds it, until {@link #close()}: for work
   * that spans callbacks. {@code work} names it in the log and in errors.
   */
  public static AdvisoryLock take(DataSource dataSource, long key, String work) {
    Connection connection = null;
    try {
      connection = dataSource.getConnection();
      if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
        connection.close();
        return new AdvisoryLock(key, null);
      }
      connection.setAutoCommit(true);
      log.info("Waiting for other nodes to finish {}, if any is", work);
      try (Statement statement = connection.createStatement()) {
        statement.execute("select pg_advisory_lock(" + key + ")");
      }
      return new AdvisoryLock(key, connection);
    } catch (SQLException e) {
      closeQuietly(connection);
      throw new IllegalStateException("cannot take the lock for " + work, e);
    }
  }

  /** Releases the lock; closing its session would release it too. */
  @Override
  public void close() {
    if (session == null) {
      return;
    }
    try (Connection connection = session; Statement statement = connection.createStatement()) {
      statement.execute("select pg_advisory_unlock(" + key + ")");
    } catch (SQLException e) {
      log.warn("Could not release the advisory lock {} cleanly; closing its session released it", key, e);
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException closing) {
      log.debug("closing a connection that failed to take a lock", closing);
    }
  }
}
