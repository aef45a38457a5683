package cn.marketplace.onboarding.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * The database of a test context: H2 in memory by default (application-test.yaml); with
 * {@code -Dtest.database=postgres}, a new database on the PostgreSQL server named by
 * {@code test.postgres.url} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres}), user and
 * password from {@code test.postgres.user} / {@code test.postgres.password}.
 */
public final class TestDatabase {

  private TestDatabase() {}

  public static boolean isPostgres() {
    return "postgres".equals(System.getProperty("test.database"));
  }

  public static Map<String, Object> properties() {
    if (!isPostgres()) {
      return Map.of();
    }
    String adminUrl = System.getProperty("test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    String user = System.getProperty("test.postgres.user", "postgres");
    String password = System.getProperty("test.postgres.password", "");
    String name = "onboarding_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the test database on " + adminUrl, e);
    }
    String url = adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name;
    return Map.of("spring.datasource.url", url, "spring.datasource.username", user,
        "spring.datasource.password", password, "spring.datasource.driver-class-name", "org.postgresql.Driver");
  }
}
