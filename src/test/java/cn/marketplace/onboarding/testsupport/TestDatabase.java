package cn.marketplace.onboarding.testsupport;

import java.util.Map;

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
    PostgresServer.Database database = PostgresServer.createDatabase("onboarding_test");
    return Map.of("spring.datasource.url", database.url(), "spring.datasource.username", database.user(),
        "spring.datasource.password", database.password(), "spring.datasource.driver-class-name",
        "org.postgresql.Driver");
  }
}
