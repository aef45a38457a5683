package cn.marketplace.onboarding.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * The database of one measurement: a fresh H2 (in memory, or a file when another JVM must open it
 * afterwards) or a fresh database on the PostgreSQL server, so no measurement sees another's rows.
 */
record BenchDatabase(String url, String user, String password) {

  static BenchDatabase fresh(BenchSettings settings, String purpose) {
    String name = "bench_" + purpose.toLowerCase() + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    if (!settings.postgres()) {
      return new BenchDatabase("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE", "sa", "");
    }
    return createOnPostgres(settings, name);
  }

  /** A database that outlives this JVM's connections: an H2 file under {@code directory}, or PostgreSQL. */
  static BenchDatabase freshFile(BenchSettings settings, String purpose, Path directory) {
    if (settings.postgres()) {
      return fresh(settings, purpose);
    }
    Path file = directory.toAbsolutePath().resolve(purpose + "-" + UUID.randomUUID().toString().substring(0, 8));
    // the settings of the product's default URL (config/application.yaml)
    return new BenchDatabase("jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE;AUTO_COMPACT_FILL_RATE=50", "sa", "");
  }

  private static BenchDatabase createOnPostgres(BenchSettings settings, String name) {
    try (Connection connection = DriverManager.getConnection(settings.postgresUrl(), settings.postgresUser(),
        settings.postgresPassword()); Statement statement = connection.createStatement()) {
      statement.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a database on " + settings.postgresUrl()
          + " (set -Dbench.postgres.url, -Dbench.postgres.user and -Dbench.postgres.password or PGPASSWORD)", e);
    }
    String serverUrl = settings.postgresUrl();
    return new BenchDatabase(serverUrl.substring(0, serverUrl.lastIndexOf('/') + 1) + name, settings.postgresUser(),
        settings.postgresPassword());
  }

  boolean postgres() {
    return url.startsWith("jdbc:postgresql:");
  }

  Map<String, Object> springProperties() {
    return Map.of("spring.datasource.url", url, "spring.datasource.username", user, "spring.datasource.password",
        password, "spring.datasource.driver-class-name", postgres() ? "org.postgresql.Driver" : "org.h2.Driver");
  }
}
