package cn.marketplace.onboarding.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The PostgreSQL server of the test run, named by {@code test.postgres.url} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}), {@code test.postgres.user} and
 * {@code test.postgres.password}; each caller gets a database of its own.
 */
public final class PostgresServer {

  private PostgresServer() {}

  /** A JDBC connection's worth of coordinates. */
  public record Database(String url, String user, String password) {

    public Connection connect() throws SQLException {
      return DriverManager.getConnection(url, user, password);
    }

    /** Drops this database, ending whatever sessions are still on it. */
    public void drop() throws SQLException {
      String name = url.substring(url.lastIndexOf('/') + 1);
      try (Connection connection = DriverManager.getConnection(url.substring(0, url.lastIndexOf('/') + 1) + "postgres",
          user, password); Statement statement = connection.createStatement()) {
        statement.execute("drop database if exists " + name + " with (force)");
      }
    }
  }

  /** A new, empty database {@code <prefix>_<random>}. Fails, naming the properties to set, when the server can't be reached. */
  public static Database createDatabase(String prefix) {
    String adminUrl = System.getProperty("test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    String user = System.getProperty("test.postgres.user", "postgres");
    String password = System.getProperty("test.postgres.password", "");
    String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("This test needs a PostgreSQL server and could not create a database on "
          + adminUrl + " as " + user + " (" + e.getMessage() + "). Start one and pass -Dtest.postgres.url, "
          + "-Dtest.postgres.user and -Dtest.postgres.password (.ci/run does).", e);
    }
    return new Database(adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name, user, password);
  }
}
