package cn.marketplace.onboarding.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Work that nodes sharing a PostgreSQL database must do one at a time, under a PostgreSQL advisory lock
 * held on a connection of its own. Other databases are not shared by nodes: there the work just runs.
 */
public final class AdvisoryLock {

  private AdvisoryLock() {}

  /** Runs {@code work} while this node holds the lock {@code key}, waiting for another node that holds it. */
  public static void runExclusively(DataSource dataSource, long key, Runnable work) {
    try (Connection connection = dataSource.getConnection()) {
      if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
        work.run();
        return;
      }
      connection.setAutoCommit(true);
      try (Statement statement = connection.createStatement()) {
        statement.execute("select pg_advisory_lock(" + key + ")");
        try {
          work.run();
        } finally {
          statement.execute("select pg_advisory_unlock(" + key + ")");
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot take or release the advisory lock " + key, e);
    }
  }
}
