package cn.marketplace.onboarding.engine;

import static cn.marketplace.onboarding.engine.CopiedStatements.element;
import static cn.marketplace.onboarding.engine.CopiedStatements.resource;
import static cn.marketplace.onboarding.engine.CopiedStatements.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.testsupport.OnboardingHttpTest;
import cn.marketplace.onboarding.testsupport.StaffUsers;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.impl.HistoricProcessInstanceQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * Our list of historic process instances ({@code AuthorizedHistoryQueries.xml}, on H2 and PostgreSQL) lists
 * every user the same instances in the same order as the engine's own statement, through the engine REST
 * API, and reads them on H2 from the start-time index in the page's order.
 */
@OnboardingHttpTest
class AuthorizedHistoryQueriesTest {

  private static final String PASSWORD = "Authorized-History-Passw0rd!";
  private static final String HISTORY_XML = "org/camunda/bpm/engine/impl/mapping/entity/HistoricProcessInstance.xml";
  private static final String AUTHORIZATION_XML = "org/camunda/bpm/engine/impl/mapping/entity/Authorization.xml";
  private static final String HISTORY = "/engine-rest/history/process-instance?firstResult=0&maxResults=2000";
  private static final String KEYED = "ahqKeyed";
  private static final String OTHER = "ahqOther";
  private static final String TENANT = "ahq-tenant";

  @Autowired TestRestTemplate http;
  @Autowired ProcessEngine engine;
  @Autowired IdentityService identityService;
  @Autowired AuthorizationService authorizationService;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired DataSource dataSource;
  private CreatedGrants grants;

  private final List<String> deployments = new ArrayList<>();
  /** The fixture's instances by name, started a minute apart in 2031 (newer than any other test's). */
  private final Map<String, String> instances = new LinkedHashMap<>();

  /**
   * Fails when an engine upgrade changes the statement we replace, the fragment our copy of it includes, or
   * an authorization fragment whose meaning ours repeats: then redo {@code AuthorizedHistoryQueries.xml}.
   */
  @Test
  void theEngineStatementWeReplaceIsTheOneWeCopied() throws Exception {
    String history = resource(HISTORY_XML);
    String authorization = resource(AUTHORIZATION_XML);

    assertThat(Map.of(
        "selectHistoricProcessInstancesByQueryCriteria",
        sha256(element(history, "select", "selectHistoricProcessInstancesByQueryCriteria")),
        "selectHistoricProcessInstancesByQueryCriteriaSql",
        sha256(element(history, "sql", "selectHistoricProcessInstancesByQueryCriteriaSql")),
        "authCheckJoinWithoutOnClauseWithBinding",
        sha256(element(authorization, "sql", "authCheckJoinWithoutOnClauseWithBinding")),
        "queryAuthorizationCheckWithoutPrefix",
        sha256(element(authorization, "sql", "queryAuthorizationCheckWithoutPrefix"))))
        .as("Camunda 7.24.0's statement and fragments")
        .isEqualTo(Map.of(
            "selectHistoricProcessInstancesByQueryCriteria", "b3dfc7c00231e9f32851e59d77ce59413800a968c5ed2b53936f2382b7a051cc",
            "selectHistoricProcessInstancesByQueryCriteriaSql", "c5587ae9f4403f7dc1f03f4beba9df96d14ae743e538483862e160c9c1301bc8",
            "authCheckJoinWithoutOnClauseWithBinding", "ae83712b2c3fb437d70dc82807daa3350aded061fdc2e1f191ee06d34d9db5c4",
            "queryAuthorizationCheckWithoutPrefix", "0e9c8403edd673cb7fd5b94ada1652b98a8331f16f21dc4b25a03bcb373c697c"));
    // every other query runs the engine's statement as written, with the engine's result map
    String mapper = resource(AuthorizedHistoryQueries.MAPPER);
    assertThat(AuthorizedHistoryQueries.REPLACED.values()).allSatisfy(routes -> assertThat(
        element(mapper, "select", routes.get("selectHistoricProcessInstancesByQueryCriteria")
            .substring(AuthorizedHistoryQueries.NAMESPACE.length() + 1))).contains(
        "resultMap=\"org.camunda.bpm.engine.impl.persistence.entity.HistoricProcessInstanceEntity.historicProcessInstanceResultMap\"",
        "<include refid=\"cn.marketplace.onboarding.engine.AuthorizedHistoryQueries.authorizedHistoricProcessInstances\"/>"));
    assertThat(element(mapper, "sql", "authorizedHistoricProcessInstances")).contains(
        "select ${distinct} RES.*\n        ${limitBetween}\n        <include refid=\"org.camunda.bpm.engine.impl.persistence"
            + ".entity.HistoricProcessInstanceEntity.selectHistoricProcessInstancesByQueryCriteriaSql\"/>\n        ${orderBy}");
  }

  @Test
  void everyUserListsTheSameInstancesAsWithTheEngineStatement() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    Map<String, String> routes = AuthorizedHistoryQueries.REPLACED.get(configuration.getDatabaseType());
    if (routes != null) {
      assertThat(configuration.getDbSqlSessionFactory().mapStatement("selectHistoricProcessInstancesByQueryCriteria"))
          .isEqualTo(routes.get("selectHistoricProcessInstancesByQueryCriteria"));
    }
    // a revoke for a caller turns the engine's revoke checks on ("auto") and ours would not answer: none here
    assertThat(authorizationService.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_REVOKE).count())
        .isZero();
    Map<String, List<String>> ours = listsOfEveryUser();

    assertThat(ours).isEqualTo(withTheEngineStatement(this::listsOfEveryUser));
    // and they are what each user may read, newest first
    assertThat(fixture(ours.get("ahq-ops desc"))).containsExactly(instances.get("other 3"), instances.get("other 2"),
        instances.get("keyed 1"), instances.get("keyed 0"));
    assertThat(fixture(ours.get("ahq-ops asc"))).containsExactly(instances.get("keyed 0"), instances.get("keyed 1"),
        instances.get("other 2"), instances.get("other 3"));
    assertThat(fixture(ours.get("ahq-keyed desc"))).containsExactly(instances.get("keyed 1"), instances.get("keyed 0"));
    assertThat(fixture(ours.get("ahq-single desc"))).containsExactly(instances.get("other 2"));
    assertThat(fixture(ours.get("ahq-group desc"))).containsExactly(instances.get("other 3"), instances.get("other 2"));
    assertThat(fixture(ours.get("ahq-tenant desc"))).containsExactly(instances.get("tenant 4"),
        instances.get("keyed 1"), instances.get("keyed 0"));
    assertThat(fixture(ours.get("ahq-nobody desc"))).isEmpty();
    assertThat(fixture(ours.get("ahq-ops first two"))).containsExactly(instances.get("other 3"), instances.get("other 2"));
  }

  /** Ours answers a query without criteria by start time alone; the engine's statement answers any other. */
  @Test
  void oursAnswersOnlyAQueryWithoutCriteriaByStartTimeAlone() {
    assertThat(oursAnswers(query().orderByProcessInstanceStartTime().desc())).isTrue();
    assertThat(oursAnswers(query().orderByProcessInstanceStartTime().asc())).isTrue();
    assertThat(Map.of(
        "unordered", query(),
        "by end time", query().orderByProcessInstanceEndTime().desc(),
        "then by the definition's name", query().orderByProcessInstanceStartTime().desc().orderByProcessDefinitionName().asc(),
        "of one process", query().processDefinitionKey(KEYED).orderByProcessInstanceStartTime().desc(),
        "finished", query().finished().orderByProcessInstanceStartTime().desc(),
        "by a variable", query().variableValueEquals("offerId", "x").orderByProcessInstanceStartTime().desc(),
        "of a tenant", query().tenantIdIn(TENANT).orderByProcessInstanceStartTime().desc(),
        "with an or query", query().or().processDefinitionKey(KEYED).endOr().orderByProcessInstanceStartTime().desc()))
        .allSatisfy((name, query) -> assertThat(oursAnswers(query)).as(name).isFalse());
  }

  private static HistoricProcessInstanceQuery query() {
    return new HistoricProcessInstanceQueryImpl();
  }

  private static boolean oursAnswers(HistoricProcessInstanceQuery query) {
    return AuthorizedHistoryQueries.everyInstanceByStartTime((HistoricProcessInstanceQueryImpl) query);
  }

  /** On H2 the history newest first walks the engine's start-time index and stops after the page. */
  @Test
  void onH2TheHistoryNewestFirstWalksTheStartTimeIndex() {
    H2Statements.assumeH2(engine);
    List<String> lists = H2Statements.ranDuring(dataSource,
        () -> assertThat(ids("ahq-ops", HISTORY + "&sortBy=startTime&sortOrder=desc")).isNotEmpty(),
        "ACT_HI_PROCINST RES", "LIMIT");

    assertThat(lists).singleElement().satisfies(list -> {
      assertThat(list).doesNotContainIgnoringCase("distinct");
      assertThat(H2Statements.plan(dataSource, list)).as(list)
          .contains(AuthorizedHistoryQueries.START_TIME_INDEX, "index sorted");
    });
    // a query with a criterion runs the engine's statement
    assertThat(H2Statements.ranDuring(dataSource,
        () -> assertThat(ids("ahq-ops", HISTORY + "&processDefinitionKey=" + KEYED + "&sortBy=startTime&sortOrder=desc"))
            .hasSize(2),
        "ACT_HI_PROCINST SELF", "LIMIT")).singleElement().asString().containsIgnoringCase("select distinct");
  }

  @BeforeEach
  void instancesOfTwoProcessesAndATenant() {
    user("ahq-ops", Groups.OPERATIONS);
    // staff, whom the engine API lets read the history; their roles' grants name none of the fixture's processes
    user("ahq-keyed", Groups.REVIEWERS);
    user("ahq-single", Groups.REVIEWERS);
    user("ahq-group", Groups.REVIEWERS, "ahq-readers");
    user("ahq-tenant", Groups.REVIEWERS);
    user("ahq-nobody", Groups.REVIEWERS);
    identityService.saveTenant(identityService.newTenant(TENANT));
    identityService.createTenantUserMembership(TENANT, "ahq-tenant");
    deploy(KEYED, null);
    deploy(OTHER, null);
    deploy(KEYED, TENANT);
    Instant start = Instant.parse("2031-01-01T00:00:00Z");
    try {
      start(start, 0, "keyed 0", KEYED, null);
      start(start, 1, "keyed 1", KEYED, null);
      start(start, 2, "other 2", OTHER, null);
      start(start, 3, "other 3", OTHER, null);
      start(start, 4, "tenant 4", KEYED, TENANT);
    } finally {
      ClockUtil.reset();
    }
    taskService.complete(taskService.createTaskQuery().processInstanceId(instances.get("keyed 1")).singleResult().getId());
    grants = new CreatedGrants(authorizationService);
    grants.grant("ahq-keyed", null, Resources.PROCESS_DEFINITION, KEYED, ProcessDefinitionPermissions.READ_HISTORY);
    grants.grant("ahq-tenant", null, Resources.PROCESS_DEFINITION, KEYED, ProcessDefinitionPermissions.READ_HISTORY);
    grants.grant("ahq-single", null, Resources.HISTORIC_PROCESS_INSTANCE, instances.get("other 2"),
        HistoricProcessInstancePermissions.READ);
    grants.grant(null, "ahq-readers", Resources.PROCESS_DEFINITION, OTHER, ProcessDefinitionPermissions.READ_HISTORY);
  }

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    grants.deleteAll();
    deployments.forEach(deployment -> repositoryService.deleteDeployment(deployment, true));
    identityService.deleteTenant(TENANT);
  }

  /**
   * Each user's instance history as operations and staff ask it, newest and oldest first, and a page of two:
   * each instance as its start time and id, instances started at the same time in id order (their order is
   * the database's to choose; other tests' instances are in the same history).
   */
  private Map<String, List<String>> listsOfEveryUser() {
    Map<String, List<String>> lists = new LinkedHashMap<>();
    for (String user : List.of("ahq-ops", "ahq-keyed", "ahq-single", "ahq-group", "ahq-tenant", "ahq-nobody")) {
      lists.put(user + " desc", startsAndIds(user, HISTORY + "&sortBy=startTime&sortOrder=desc"));
      lists.put(user + " asc", startsAndIds(user, HISTORY + "&sortBy=startTime&sortOrder=asc"));
    }
    lists.put("ahq-ops first two", startsAndIds("ahq-ops",
        "/engine-rest/history/process-instance?firstResult=0&maxResults=2&sortBy=startTime&sortOrder=desc"));
    lists.put("ahq-ops finished", startsAndIds("ahq-ops", HISTORY + "&finished=true&sortBy=startTime&sortOrder=desc"));
    return lists;
  }

  private List<String> startsAndIds(String user, String path) {
    List<String> entries = new ArrayList<>();
    new EngineRestAsUser(http, PASSWORD).get(user, path)
        .forEach(instance -> entries.add(instance.get("startTime").asText() + " " + instance.get("id").asText()));
    List<String> tiesInIdOrder = new ArrayList<>();
    int from = 0;
    for (int i = 1; i <= entries.size(); i++) {
      if (i == entries.size() || !startOf(entries.get(i)).equals(startOf(entries.get(from)))) {
        tiesInIdOrder.addAll(entries.subList(from, i).stream().sorted().toList());
        from = i;
      }
    }
    return tiesInIdOrder;
  }

  private static String startOf(String entry) {
    return entry.substring(0, entry.indexOf(' '));
  }

  /** The fixture's instances in a list, in its order. */
  private List<String> fixture(List<String> entries) {
    return entries.stream().map(entry -> entry.substring(entry.indexOf(' ') + 1)).filter(instances::containsValue).toList();
  }

  private Map<String, List<String>> withTheEngineStatement(Supplier<Map<String, List<String>>> lists) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    if (!AuthorizedHistoryQueries.REPLACED.containsKey(configuration.getDatabaseType())) {
      return lists.get();
    }
    return CopiedStatements.withTheEngineStatements(engine, AuthorizedHistoryQueries.REPLACED, Map.of(), lists);
  }

  private void deploy(String key, String tenant) {
    deployments.add(repositoryService.createDeployment().tenantId(tenant).addModelInstance(key + ".bpmn",
        Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1).startEvent().userTask("waitHere").endEvent().done())
        .deploy().getId());
  }

  private void start(Instant start, int minute, String name, String key, String tenant) {
    ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofMinutes(minute))));
    String id = tenant == null
        ? runtimeService.createProcessInstanceByKey(key).processDefinitionWithoutTenantId().execute().getId()
        : runtimeService.createProcessInstanceByKey(key).processDefinitionTenantId(tenant).execute().getId();
    instances.put(name, id);
  }


  private List<String> ids(String user, String path) {
    List<String> ids = new ArrayList<>();
    JsonNode answer = new EngineRestAsUser(http, PASSWORD).get(user, path);
    answer.forEach(instance -> ids.add(instance.get("id").asText()));
    return ids;
  }

  private void user(String id, String... groups) {
    StaffUsers.ensureInGroups(identityService, id, PASSWORD, groups);
  }
}
