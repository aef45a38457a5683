package cn.marketplace.onboarding.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The benchmark: measures and prints, asserts nothing. {@code ./mvnw -Pbench verify} runs it after
 * the build (see the {@code bench} profile in the pom); {@code -Dbench.database=postgres} runs it on
 * PostgreSQL, other {@code -Dbench.*} settings are in {@link BenchSettings}. Writes
 * {@code target/bench/report.md} and {@code report.json} and prints the table.
 */
public final class Benchmarks {

  private Benchmarks() {}

  public static void main(String[] args) {
    try {
      run();
      System.exit(0);
    } catch (Throwable failure) {
      failure.printStackTrace();
      // the servers some measurements start (Azurite, GreenMail, SSH) must not keep this JVM alive
      System.exit(1);
    }
  }

  private static void run() throws Exception {
    System.setProperty("spring.config.location", "classpath:/config/");
    System.setProperty("jdk.httpclient.allowRestrictedHeaders", "content-length");
    System.setProperty("logging.level.root", System.getProperty("bench.log.level", "WARN"));
    System.setProperty("logging.level.org.springdoc", "ERROR");
    System.setProperty("logging.level.cn.marketplace.onboarding.security.AdminBootstrap", "ERROR");
    BenchSettings settings = BenchSettings.fromSystemProperties();
    Report report = new Report(settings);
    String databaseLabel = settings.postgres() ? "PostgreSQL" : "H2 in memory";
    report.database(settings.postgres() ? "PostgreSQL" : "H2", databaseVersion(settings));
    System.out.println("Benchmark on " + databaseLabel + ", settings " + settings.describe());

    if (settings.runs("lifecycles")) {
      ProductVsBare.measure(settings, report, databaseLabel);
    }
    if (settings.runs("endToEnd")) {
      EndToEnd.measure(settings, report, databaseLabel);
    }
    if (settings.runs("cluster")) {
      Cluster.measure(settings, report);
    }
    if (settings.runs("staffLists") || settings.runs("footprint")) {
      StaffListsAndFootprint.measure(settings, report);
    }
    if (settings.runs("statements")) {
      TaskQueryStatements.measure(settings, report);
    }
    if (settings.runs("feedback")) {
      FeedbackLatency.measure(settings, report);
    }

    report.write(settings.output());
    System.out.println();
    System.out.println(report.markdown());
    System.out.println("Written: " + settings.output().resolve("report.md") + " and report.json");
  }

  private static String databaseVersion(BenchSettings settings) throws SQLException {
    if (!settings.postgres()) {
      return org.h2.engine.Constants.FULL_VERSION;
    }
    try (Connection connection = DriverManager.getConnection(settings.postgresUrl(), settings.postgresUser(),
        settings.postgresPassword())) {
      return connection.getMetaData().getDatabaseProductVersion();
    }
  }
}
