package cn.marketplace.onboarding.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.marketplace.onboarding.testsupport.PostgresServer;
import cn.marketplace.onboarding.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Findings stored a row each before V13 come out of the JSON column unchanged after it: same findings,
 * same order, arguments as numbers and texts, evidence and policy where they were set. Runs on the
 * database of the suite (H2, or PostgreSQL with {@code -Dtest.database=postgres}).
 */
class FindingsMigrationTest {

  private PostgresServer.Database postgres;
  private String url;
  private String user;
  private String password;

  @BeforeEach
  void database() {
    if (TestDatabase.isPostgres()) {
      postgres = PostgresServer.createDatabase("findings_migration");
      url = postgres.url();
      user = postgres.user();
      password = postgres.password();
    } else {
      url = "jdbc:h2:mem:findings-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
      user = "sa";
      password = "";
    }
  }

  @AfterEach
  void dropDatabase() throws SQLException {
    if (postgres != null) {
      postgres.drop();
    } else {
      try (Connection connection = connect(); Statement statement = connection.createStatement()) {
        statement.execute("shutdown");
      }
    }
  }

  @Test
  void rowsOfFindingsBecomeOneJsonArrayEachInTheirOrder() throws SQLException {
    flyway("12").migrate();
    try (Connection connection = connect(); Statement sql = connection.createStatement()) {
      sql.execute("insert into application (id, company_name, credit_code, registered_region, registered_address,"
          + " contact_name, contact_email, contact_phone, product_type, language, status, created_at, updated_at)"
          + " values ('a1', '示例', '91110000MA01234567', '110000', 'x', 'n', 'n@example.cn', '1', 'vm', 'zh-CN',"
          + " 'APPROVED', current_timestamp, current_timestamp)");
      sql.execute("insert into publisher (id, application_id, company_name, contact_email, language, status, created_at)"
          + " values ('p1', 'a1', '示例', 'n@example.cn', 'zh-CN', 'ACTIVE', current_timestamp)");
      for (String submission : List.of("s1", "s2", "s3")) {
        sql.execute("insert into submission (id, publisher_id, status, created_at, updated_at) values ('" + submission
            + "', 'p1', 'REGISTERED', current_timestamp, current_timestamp)");
      }
      // inserted out of order: the position decides
      sql.execute("insert into submission_finding (submission_id, position, rule_id, result, subject, message_key, args,"
          + " evidence) values ('s1', 1, 'DISK-1', 'fail', 'osVhd', 'vhd.size.notAligned', '[\"osVhd\",1023]',"
          + " 'size \"1023\" \\ 512\n')");
      sql.execute("insert into submission_finding (submission_id, position, rule_id, result, subject, message_key, args)"
          + " values ('s1', 0, 'SUB-1', 'pass', 'offerId', 'sub.offerId.ok', '[]')");
      sql.execute("insert into submission_finding (submission_id, position, rule_id, result, subject, message_key, args,"
          + " policy_id, policy_version) values ('s1', 2, 'CERT-3', 'warning', 'vm', 'lnx.kernel.old', '[\"5.4\"]',"
          + " 'azure-china-2015', '1')");
      sql.execute("insert into submission_finding (submission_id, position, rule_id, result, subject, message_key, args)"
          + " values ('s2', 0, 'SUB-1', 'pass', 'offerId', 'sub.offerId.ok', '[]')");
      sql.execute("insert into certification_report (id, submission_id, publisher_id, status, offer_id, sku_id, version,"
          + " os_family, tested_at) values ('r1', 's1', 'p1', 'QUESTIONNAIRE', 'o', 'k', '1.0.0', 'linux',"
          + " current_timestamp)");
      sql.execute("insert into certification_finding (report_id, position, rule_id, result, subject, message_key, args,"
          + " evidence, policy_id, policy_version) values ('r1', 0, 'CERT-3', 'warning', 'vm', 'lnx.kernel.old',"
          + " '[\"5.4\"]', 'Linux 5.4.0', 'azure-china-2015', '1')");
    }

    flyway(null).migrate();

    assertThat(StoredFindings.fromJson(findings("submission", "s1"))).containsExactly(
        new Finding(RuleId.of("SUB-1"), Result.PASS, "offerId", "sub.offerId.ok", List.of(), null),
        new Finding(RuleId.of("DISK-1"), Result.FAIL, "osVhd", "vhd.size.notAligned", List.of("osVhd", 1023),
            "size \"1023\" \\ 512\n"),
        new Finding(RuleId.of("CERT-3"), Result.WARNING, "vm", "lnx.kernel.old", List.of("5.4"), null,
            new PolicyRef("azure-china-2015", "1")));
    assertThat(StoredFindings.fromJson(findings("submission", "s2"))).hasSize(1);
    assertThat(findings("submission", "s3")).as("a submission never checked has no findings").isNull();
    assertThat(StoredFindings.fromJson(findings("certification_report", "r1"))).containsExactly(
        new Finding(RuleId.of("CERT-3"), Result.WARNING, "vm", "lnx.kernel.old", List.of("5.4"), "Linux 5.4.0",
            new PolicyRef("azure-china-2015", "1")));
    try (Connection connection = connect(); Statement sql = connection.createStatement()) {
      assertThatThrownBy(() -> sql.executeQuery("select count(*) from submission_finding"))
          .as("the rows are gone with their table").isInstanceOf(SQLException.class);
    }
  }

  @Test
  void findingsRoundTripThroughTheColumn() {
    List<Finding> findings = List.of(
        Finding.fail(RuleId.of("DISK-1"), "lun3", "vhd.size.notAligned", "lun3", 1023L, 2.5, true),
        Finding.warning(RuleId.of("CERT-3"), "vm", "lnx.kernel.old", "5.4").withEvidence("Linux 5.4.0")
            .judged(new PolicyRef("azure-current", "1"), Result.WARNING));

    assertThat(StoredFindings.fromJson(StoredFindings.toJson(findings))).isEqualTo(List.of(
        new Finding(RuleId.of("DISK-1"), Result.FAIL, "lun3", "vhd.size.notAligned", List.of("lun3", 1023, 2.5, true),
            null),
        findings.get(1)));
    assertThat(StoredFindings.fromJson(null)).isEmpty();
  }

  private Flyway flyway(String target) {
    var configuration = Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration")
        .table("onboarding_schema_history");
    if (target != null) {
      configuration.target(target);
    }
    return configuration.load();
  }

  private String findings(String table, String id) throws SQLException {
    try (Connection connection = connect(); Statement sql = connection.createStatement();
        ResultSet row = sql.executeQuery("select findings from " + table + " where id = '" + id + "'")) {
      assertThat(row.next()).isTrue();
      return row.getString(1);
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }
}
