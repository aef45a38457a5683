package cn.marketplace.onboarding.engine;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.testsupport.OnboardingSpringTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Our indexes on the engine's tables exist once the product has started, and applying them again changes nothing. */
@OnboardingSpringTest
class EngineTableIndexesTest {

  @Autowired DataSource dataSource;
  @Autowired EngineTableIndexes engineTableIndexes;
  @Autowired ProcessEngine processEngine;

  @Test
  void theTaskTableIsIndexedByDueDate() throws Exception {
    assertThat(indexedColumns("ACT_RU_TASK", "OB_IDX_TASK_DUE_DATE")).isEqualTo("DUE_DATE_");
  }

  @Test
  void theTaskTableIsIndexedByDefinitionKeyThenDueDate() throws Exception {
    assertThat(indexedColumns("ACT_RU_TASK", "OB_IDX_TASK_DEF_KEY_DUE")).isEqualTo("TASK_DEF_KEY_,DUE_DATE_");
  }

  @Test
  void theProcessInstanceHistoryIsIndexedByEndDefinitionThenNewestStartWithTenantAndInstance() throws Exception {
    assertThat(indexedColumns("ACT_HI_PROCINST", "OB_IDX_HI_PROCINST_RUNNING_COVERED"))
        .isEqualTo("END_TIME_ DESC,PROC_DEF_ID_ DESC,START_TIME_ DESC,TENANT_ID_,PROC_INST_ID_");
    assertThat(indexedColumns("ACT_HI_PROCINST", "OB_IDX_HI_PROCINST_RUNNING")).as("V3's index, which V5 replaced").isEmpty();
  }

  @Test
  void theGrantsAreIndexedWithTheirPermissionsByUserAndByGroup() throws Exception {
    assertThat(indexedColumns("ACT_RU_AUTHORIZATION", "OB_IDX_AUTH_USER_GRANTS"))
        .isEqualTo("TYPE_,USER_ID_,RESOURCE_TYPE_,RESOURCE_ID_,PERMS_");
    assertThat(indexedColumns("ACT_RU_AUTHORIZATION", "OB_IDX_AUTH_GRANTS_OF_GROUP"))
        .isEqualTo("GROUP_ID_,TYPE_,RESOURCE_TYPE_,RESOURCE_ID_,PERMS_");
    assertThat(indexedColumns("ACT_RU_AUTHORIZATION", "OB_IDX_AUTH_GROUP_GRANTS")).as("V4's index, which V6 replaced").isEmpty();
  }

  /**
   * The webapps ask the engine whether a user may open each of them when it signs in and again each
   * time its session's cached authentication expires; the engine's statement checks the user's groups'
   * grants by {@code GROUP_ID_ IN (...)}, which H2 seeks in an index only on its first column: with the
   * type first, it read every grant (430,062 at 100,000 open tasks, 0.3-0.8 s per check).
   */
  @Test
  void onH2AUsersCheckReadsItsGroupsGrantsByGroup() {
    H2Statements.assumeH2(processEngine);
    AuthorizationService authorizations = processEngine.getAuthorizationService();
    Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setGroupId("eti-isv");
    grant.setResource(Resources.FILTER);
    grant.setResourceId("eti-filter");
    grant.addPermission(Permissions.READ);
    authorizations.saveAuthorization(grant);
    try {
      List<String> checks = H2Statements.ranDuring(dataSource, () -> authorizations.isUserAuthorized("eti-user",
          List.of("eti-isv", Groups.PUBLISHERS), Permissions.ACCESS, Resources.APPLICATION, "tasklist"),
          "ACT_RU_AUTHORIZATION A", "A.GROUP_ID_ IN");

      assertThat(checks).hasSize(1);
      String plan = H2Statements.plan(dataSource, checks.get(0));
      assertThat(plan).as(plan).contains("OB_IDX_AUTH_GRANTS_OF_GROUP: GROUP_ID_ IN(")
          .doesNotContain("OB_IDX_AUTH_GROUP_GRANTS", "tableScan");
    } finally {
      authorizations.deleteAuthorization(grant.getId());
    }
  }

  @Test
  void theJobsAreIndexedByDueDate() throws Exception {
    assertThat(indexedColumns("ACT_RU_JOB", "OB_IDX_JOB_DUEDATE")).isEqualTo("DUEDATE_");
  }

  /**
   * OB_IDX_JOB_DUEDATE answers the job executor's acquisition on PostgreSQL because of the statement's
   * condition on the due date ({@code DUEDATE_ is null or DUEDATE_ <= now}): fails when an engine upgrade
   * changes the statement, which may then need another index.
   */
  @Test
  void theJobAcquisitionIsTheStatementOurIndexWasMadeFor() throws Exception {
    String jobs = CopiedStatements.resource("org/camunda/bpm/engine/impl/mapping/entity/Job.xml");

    assertThat(CopiedStatements.sha256(CopiedStatements.element(jobs, "select", "selectNextJobsToExecute")))
        .as("Camunda 7.24.0's job acquisition")
        .isEqualTo("9198d6828964759531e74a146a58461b5de4277cb07e86e68c4d5fb9b4da4925");
  }

  @Test
  void aSecondStartAppliesNothingTwice() {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    Integer applied = appliedScripts(jdbc);

    engineTableIndexes.postProcessEngineBuild(processEngine);

    assertThat(appliedScripts(jdbc)).isEqualTo(applied).isPositive();
  }

  private static Integer appliedScripts(JdbcTemplate jdbc) {
    return jdbc.queryForObject("select count(*) from \"" + EngineTableIndexes.HISTORY_TABLE + "\""
        + " where \"success\" = true and \"type\" = 'SQL'", Integer.class);
  }

  /** The index's columns from the JDBC metadata; PostgreSQL folds unquoted names to lower case. */
  private String indexedColumns(String table, String index) throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      boolean lowerCase = connection.getMetaData().storesLowerCaseIdentifiers();
      StringBuilder columns = new StringBuilder();
      try (ResultSet indexes = connection.getMetaData().getIndexInfo(null, null,
          lowerCase ? table.toLowerCase() : table, false, false)) {
        while (indexes.next()) {
          if (index.equalsIgnoreCase(indexes.getString("INDEX_NAME"))) {
            columns.append(columns.isEmpty() ? "" : ",").append(indexes.getString("COLUMN_NAME").toUpperCase())
                .append("D".equals(indexes.getString("ASC_OR_DESC")) ? " DESC" : "");
          }
        }
      }
      return columns.toString();
    }
  }
}
