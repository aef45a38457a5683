package cn.marketplace.onboarding.engine;

import static cn.marketplace.onboarding.engine.CopiedStatements.element;
import static cn.marketplace.onboarding.engine.CopiedStatements.resource;
import static cn.marketplace.onboarding.engine.CopiedStatements.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.testsupport.OnboardingHttpTest;
import cn.marketplace.onboarding.testsupport.StaffUsers;
import cn.marketplace.onboarding.testsupport.TasklistClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.camunda.bpm.cockpit.Cockpit;
import org.camunda.bpm.cockpit.CockpitRuntimeDelegate;
import org.camunda.bpm.cockpit.impl.DefaultCockpitRuntimeDelegate;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.history.AbstractHistoryLevel;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Our copy of Cockpit's running-instance list ({@code AuthorizedCockpitQueries.xml}) is Cockpit's with
 * only the authorization check changed, and shows operations (the role the product lets into Cockpit)
 * the same instances, incidents, order and count as Cockpit's own statements, asked as Cockpit's process
 * definition page asks them.
 */
@OnboardingHttpTest
class AuthorizedCockpitQueriesTest {

  private static final String PASSWORD = "Cockpit-Lists-Passw0rd!";
  private static final String COCKPIT_XML = "org/camunda/bpm/cockpit/plugin/base/queries/processInstance.xml";
  private static final String AUTHORIZATION_XML = "org/camunda/bpm/engine/impl/mapping/entity/Authorization.xml";
  private static final String FIXTURE = "cockpitListFixture";
  private static final String PLUGIN_API = "/camunda/api/cockpit/plugin/base/default/process-instance";

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired AuthorizationService authorizationService;
  @Autowired ProcessEngine engine;
  @Autowired DataSource dataSource;

  private final List<String> createdAuthorizations = new ArrayList<>();
  private final List<String> instances = new ArrayList<>();
  private String deploymentId;
  private String definitionId;

  /**
   * Fails when a webapp or engine upgrade changes a statement we copied or an authorization fragment whose
   * meaning our EXISTS repeats: then redo {@code AuthorizedCockpitQueries.xml} from the new processInstance.xml.
   */
  @Test
  void theCockpitStatementsWeReplaceAreTheOnesWeCopied() throws Exception {
    String cockpit = resource(COCKPIT_XML);
    String authorization = resource(AUTHORIZATION_XML);
    String ours = resource(AuthorizedCockpitQueries.MAPPER);

    assertThat(Map.of(
        "selectRunningProcessInstancesCount", sha256(element(cockpit, "select", "selectRunningProcessInstancesCount")),
        "selectRunningProcessInstancesIncludingIncidents",
        sha256(element(cockpit, "select", "selectRunningProcessInstancesIncludingIncidents")),
        "selectProcessInstances", sha256(element(cockpit, "sql", "selectProcessInstances")),
        "authCheckJoinWithoutOnClauseWithBinding",
        sha256(element(authorization, "sql", "authCheckJoinWithoutOnClauseWithBinding")),
        "queryAuthorizationCheckWithoutPrefix",
        sha256(element(authorization, "sql", "queryAuthorizationCheckWithoutPrefix"))))
        .as("Camunda 7.24.0's Cockpit statements and authorization fragments")
        .isEqualTo(Map.of(
            "selectRunningProcessInstancesCount", "c88b16842094aa458bdb88f9f396c9f72fe5d8a3e6d8aa08e9ddad2c5000a8f7",
            "selectRunningProcessInstancesIncludingIncidents",
            "17f966ed9998a49690fcef2a07b2f1a4ba36ed15aa09c9bcd68ed6e02856d9db",
            "selectProcessInstances", "8cefa71f0db781c44fdac9716797cc6cb5023a82ce14bc79ed415502bd7f140b",
            "authCheckJoinWithoutOnClauseWithBinding", "ae83712b2c3fb437d70dc82807daa3350aded061fdc2e1f191ee06d34d9db5c4",
            "queryAuthorizationCheckWithoutPrefix", "0e9c8403edd673cb7fd5b94ada1652b98a8331f16f21dc4b25a03bcb373c697c"));
    String join = """
              <if test="!authCheck.revokeAuthorizationCheckEnabled">
                <include refid="org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity.authCheckJoinWithoutOnClause" />
                AUTH ON (AUTH.RESOURCE_ID_ ${authJoinStart} RES.PROC_INST_ID_\s
                  ${authJoinSeparator} P.KEY_\s
                  ${authJoinSeparator} '*'\s
                ${authJoinEnd})
              </if>
        """;
    String check = "<include refid=\"org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity"
        + ".queryAuthorizationCheck\" />";
    String runtimeFirst = indented("""
          ${prefix}ACT_RU_EXECUTION RES

        <if test="joinHistory || (historyEnabled &amp;&amp; (startedBefore != null || startedAfter != null))">
        left join
          ${prefix}ACT_HI_PROCINST HISTORY
        ON
          RES.ID_ = HISTORY.PROC_INST_ID_
        </if>
        """);
    String historyOrRuntimeFirst = indented("""
        <!-- changed: the history rows first, on the page by history (selectAuthorizedRunningProcessInstancesByHistory) -->
        <choose>
          <when test="historyWalk">
          ${prefix}ACT_HI_PROCINST HISTORY
        inner join
          ${prefix}ACT_RU_EXECUTION RES
        ON
          RES.ID_ = HISTORY.PROC_INST_ID_
          </when>
          <otherwise>
        """) + runtimeFirst + indented("""
          </otherwise>
        </choose>
        """);
    String instancesOnly = "    <where>\n      RES.ID_ = RES.PROC_INST_ID_\n";
    String instancesOnlyWithoutHistory = indented("""
        <where>
          <!-- changed: not with a history row, whose instance's execution is the one row it joins; said again,
            it made PostgreSQL expect a few hundred of the 50,000 instances of a process and sort them all -->
          <if test="!historyWalk">
          RES.ID_ = RES.PROC_INST_ID_
          </if>
        """);
    String byDefinition = indented("""
          <!-- processDefinitionId -->
          <if test="processDefinitionId != null">
          and RES.PROC_DEF_ID_ = #{processDefinitionId}
          </if>
        """);
    String byDefinitionAndRunningHistory = byDefinition + "\n" + indented("""
          <!-- changed: a running instance's history row, of its definition (a migration moves both) -->
          <if test="historyWalk">
          and HISTORY.END_TIME_ is null
            <if test="processDefinitionId != null">
          and HISTORY.PROC_DEF_ID_ = #{processDefinitionId}
            </if>
          </if>
        """);
    String cockpitQuery = element(cockpit, "sql", "selectProcessInstances");
    assertThat(cockpitQuery).contains(join, check, "    from\n" + runtimeFirst, byDefinition, instancesOnly);
    assertThat(element(ours, "sql", "authorizedProcessInstances")).isEqualTo(cockpitQuery
        .replace("<sql id=\"selectProcessInstances\">", "<sql id=\"authorizedProcessInstances\">")
        .replace(join, "      <!-- changed: no join with the authorizations; \"authorizedInstance\" below checks them with EXISTS -->\n")
        .replace(check, "<!-- changed: was the engine's queryAuthorizationCheck over the join -->\n      <include refid=\""
            + AuthorizedCockpitQueries.NAMESPACE + ".authorizedInstance\" />")
        .replace("<include refid=\"executionVariableOperator\" />",
            "<include refid=\"cockpit.base.executionVariableOperator\" />")
        .replace("    from\n" + runtimeFirst, "    from\n" + historyOrRuntimeFirst)
        .replace(byDefinition, byDefinitionAndRunningHistory)
        .replace(instancesOnly, instancesOnlyWithoutHistory));
  }

  @Test
  void operationsSeeTheSameInstancesIncidentsOrderAndCountAsWithCockpitsStatements() {
    assertThat(mapped(AuthorizedCockpitQueries.PAGE))
        .isEqualTo(AuthorizedCockpitQueries.NAMESPACE + ".selectAuthorizedRunningProcessInstancesByHistory");
    assertThat(mapped(AuthorizedCockpitQueries.COUNT))
        .isEqualTo(AuthorizedCockpitQueries.NAMESPACE + ".selectAuthorizedRunningProcessInstancesCountByHistory");
    Map<String, List<String>> ours = listsOfEveryUser();
    Map<String, List<String>> cockpits = withCockpitsOwnStatements(this::listsOfEveryUser);
    // and the page and count read from the running executions, where the history may not tell which instances run
    Map<String, List<String>> runtimeFirst = withDelegate(new AuthorizedCockpitQueries.RuntimeDelegate(false), () -> {
      assertThat(mapped(AuthorizedCockpitQueries.PAGE))
          .isEqualTo(AuthorizedCockpitQueries.NAMESPACE + ".selectAuthorizedRunningProcessInstances");
      assertThat(mapped(AuthorizedCockpitQueries.COUNT))
          .isEqualTo(AuthorizedCockpitQueries.NAMESPACE + ".selectAuthorizedRunningProcessInstancesCount");
      return listsOfEveryUser();
    });

    assertThat(ours).isEqualTo(cockpits);
    assertThat(runtimeFirst).isEqualTo(cockpits);
    List<String> newestFirst = new ArrayList<>(instances);
    Collections.reverse(newestFirst);
    for (String user : List.of("acl-ops", "acl-ops-revoked")) {
      assertThat(ours.get(user)).containsExactlyElementsOf(newestFirst.stream().map(this::withIncidents).toList());
      assertThat(ours.get(user + " count")).containsExactly("5");
    }
    assertThat(ours.get("acl-ops page 2")).containsExactlyElementsOf(
        newestFirst.subList(2, 4).stream().map(this::withIncidents).toList());
    assertThat(ours.get("acl-ops with incidents")).containsExactly(withIncidents(instances.get(2)));
    assertThat(ours.get("acl-ops with incidents count")).containsExactly("1");
    assertThat(ours.get("acl-ops started from the third count")).containsExactly("3");
    assertThat(ours.get("acl-ops waiting in waitHere count")).containsExactly("5");
  }

  /** With a revoke anywhere, the engine checks authorizations its other way; ours then keeps Cockpit's check. */
  @Test
  void withARevokeTheSameInstancesAsWithCockpitsStatementsToo() {
    authorize(Authorization.AUTH_TYPE_REVOKE, "acl-ops-revoked", Resources.PROCESS_DEFINITION, FIXTURE,
        ProcessDefinitionPermissions.READ_INSTANCE);
    authorize(Authorization.AUTH_TYPE_REVOKE, "acl-ops-revoked", Resources.PROCESS_INSTANCE, instances.get(1),
        Permissions.READ);

    Map<String, List<String>> ours = listsOfEveryUser();

    assertThat(ours).isEqualTo(withCockpitsOwnStatements(this::listsOfEveryUser));
    assertThat(ours.get("acl-ops count")).containsExactly("5");
    assertThat(ours.get("acl-ops-revoked")).hasSize(4).doesNotContain(withIncidents(instances.get(1)));
    assertThat(ours.get("acl-ops-revoked count")).containsExactly("4");
  }

  /** Five running instances, one with two incidents and one suspended; one more completed and one deleted, newer. */
  /**
   * Without operations' grants on every instance, each instance is decided by the caller's grants on it or
   * on its process, which the counts read as sets of granted resources: two instances granted to one user,
   * the process to the other.
   */
  @Test
  void withGrantsOnSomeInstancesTheSameInstancesAsWithCockpitsStatements() {
    withoutOperationsGrantsOnEveryInstance(() -> {
      authorize(Authorization.AUTH_TYPE_GRANT, "acl-ops", Resources.PROCESS_INSTANCE, instances.get(1), Permissions.READ);
      authorize(Authorization.AUTH_TYPE_GRANT, "acl-ops", Resources.PROCESS_INSTANCE, instances.get(4), Permissions.READ);
      authorize(Authorization.AUTH_TYPE_GRANT, "acl-ops-revoked", Resources.PROCESS_DEFINITION, FIXTURE,
          ProcessDefinitionPermissions.READ_INSTANCE);

      Map<String, List<String>> ours = listsOfEveryUser();
      Map<String, List<String>> runtimeFirst = withDelegate(new AuthorizedCockpitQueries.RuntimeDelegate(false),
          this::listsOfEveryUser);

      Map<String, List<String>> cockpits = withCockpitsOwnStatements(this::listsOfEveryUser);
      assertThat(ours).isEqualTo(cockpits);
      assertThat(runtimeFirst).isEqualTo(cockpits);
      assertThat(ours.get("acl-ops")).containsExactly(withIncidents(instances.get(4)), withIncidents(instances.get(1)));
      assertThat(ours.get("acl-ops count")).containsExactly("2");
      assertThat(ours.get("acl-ops started from the third count")).containsExactly("1");
      assertThat(ours.get("acl-ops waiting in waitHere count")).containsExactly("2");
      assertThat(ours.get("acl-ops-revoked count")).containsExactly("5");
    });
  }

  /** Operations' grants on every process instance and definition taken away while the check runs, then given back. */
  private void withoutOperationsGrantsOnEveryInstance(Runnable check) {
    List<Authorization> onEvery = new ArrayList<>();
    for (Resources resource : List.of(Resources.PROCESS_INSTANCE, Resources.PROCESS_DEFINITION)) {
      onEvery.addAll(authorizationService.createAuthorizationQuery().groupIdIn(Groups.OPERATIONS)
          .resourceType(resource).resourceId(Authorization.ANY).list());
    }
    assertThat(onEvery).hasSize(2);
    onEvery.forEach(grant -> authorizationService.deleteAuthorization(grant.getId()));
    try {
      check.run();
    } finally {
      for (Authorization grant : onEvery) {
        AuthorizationEntity again = (AuthorizationEntity) authorizationService.createNewAuthorization(grant.getAuthorizationType());
        again.setGroupId(grant.getGroupId());
        again.setResourceType(grant.getResourceType());
        again.setResourceId(grant.getResourceId());
        again.setPermissions(((AuthorizationEntity) grant).getPermissions());
        authorizationService.saveAuthorization(again);
      }
    }
  }

  @BeforeEach
  void fiveInstancesRunningOneWithTwoIncidents() {
    user("acl-ops", Groups.OPERATIONS);
    user("acl-ops-revoked", Groups.OPERATIONS);
    deploymentId = repositoryService.createDeployment().addModelInstance(FIXTURE + ".bpmn",
        Bpmn.createExecutableProcess(FIXTURE).camundaHistoryTimeToLive(1)
            .startEvent().userTask("waitHere").endEvent().done()).deploy().getId();
    definitionId = repositoryService.createProcessDefinitionQuery().deploymentId(deploymentId).singleResult().getId();
    Instant start = Instant.parse("2030-01-01T00:00:00Z");
    for (int i = 0; i < 5; i++) {
      ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofMinutes(i))));
      ProcessInstance instance = runtimeService.startProcessInstanceByKey(FIXTURE);
      instances.add(instance.getId());
    }
    ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofMinutes(10))));
    ProcessInstance completed = runtimeService.startProcessInstanceByKey(FIXTURE);
    taskService.complete(taskService.createTaskQuery().processInstanceId(completed.getId()).singleResult().getId());
    ProcessInstance deleted = runtimeService.startProcessInstanceByKey(FIXTURE);
    runtimeService.deleteProcessInstance(deleted.getId(), "no longer needed");
    ClockUtil.reset();
    runtimeService.createIncident("failedJob", instances.get(2), "one");
    runtimeService.createIncident("failedJob", instances.get(2), "two");
    runtimeService.suspendProcessInstanceById(instances.get(3));
  }

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    createdAuthorizations.forEach(authorizationService::deleteAuthorization);
    repositoryService.deleteDeployment(deploymentId, true);
  }

  /** Each user's first page (or second), and count, as Cockpit's process definition page asks them. */
  private Map<String, List<String>> listsOfEveryUser() {
    Map<String, List<String>> lists = new LinkedHashMap<>();
    for (String user : List.of("acl-ops", "acl-ops-revoked")) {
      TasklistClient cockpit = TasklistClient.webapp(http, user, PASSWORD);
      lists.put(user, page(cockpit, 0, 50, Map.of()));
      lists.put(user + " count", List.of(count(cockpit, Map.of())));
    }
    TasklistClient ops = TasklistClient.webapp(http, "acl-ops", PASSWORD);
    lists.put("acl-ops page 2", page(ops, 2, 2, Map.of()));
    lists.put("acl-ops with incidents", page(ops, 0, 50, Map.of("withIncident", true)));
    lists.put("acl-ops with incidents count", List.of(count(ops, Map.of("withIncident", true))));
    lists.put("acl-ops started from the third count", List.of(count(ops, Map.of("startedAfter", "2030-01-01T00:02:00.000+0000"))));
    lists.put("acl-ops waiting in waitHere count", List.of(count(ops, Map.of("activityIdIn", List.of("waitHere")))));
    return lists;
  }

  private List<String> page(TasklistClient cockpit, int first, int max, Map<String, Object> criteria) {
    Map<String, Object> body = new LinkedHashMap<>(criteria);
    body.put("processDefinitionId", definitionId);
    body.putAll(Map.of("firstResult", first, "maxResults", max, "sortBy", "startTime", "sortOrder", "desc"));
    ResponseEntity<JsonNode> answer = cockpit.callWebapp(HttpMethod.POST, PLUGIN_API + "?firstResult=" + first
        + "&maxResults=" + max + "&sortBy=startTime&sortOrder=desc", body);
    assertThat(answer.getStatusCode().value()).as("%s", answer.getBody()).isEqualTo(200);
    List<String> listed = new ArrayList<>();
    answer.getBody().forEach(instance -> listed.add(instance.get("id").asText() + " " + instance.get("incidents")));
    return listed;
  }

  private String count(TasklistClient cockpit, Map<String, Object> criteria) {
    Map<String, Object> body = new LinkedHashMap<>(criteria);
    body.put("processDefinitionId", definitionId);
    ResponseEntity<JsonNode> answer = cockpit.callWebapp(HttpMethod.POST, PLUGIN_API + "/count", body);
    assertThat(answer.getStatusCode().value()).as("%s", answer.getBody()).isEqualTo(200);
    return answer.getBody().get("count").asText();
  }

  private String withIncidents(String instanceId) {
    return instanceId + " " + (instanceId.equals(instances.get(2))
        ? "[{\"incidentType\":\"failedJob\",\"incidentCount\":2}]" : "[]");
  }

  /**
   * H2 reads a page in an index's order only when the ORDER BY starts with the index's columns: the page
   * of one process, from its running instances' history rows, orders by the end time and definition first and
   * reads {@code OB_IDX_HI_PROCINST_RUNNING_COVERED} newest first, where it read every instance and sorted them.
   */
  @Test
  void onH2ThePageOfAProcessReadsItsHistoryRowsNewestFirstFromTheIndex() {
    H2Statements.assumeH2(engine);
    List<String> pages = H2Statements.ranDuring(dataSource, () -> assertThat(
        page(TasklistClient.webapp(http, "acl-ops", PASSWORD), 0, 2, Map.of())).hasSize(2),
        "ACT_HI_PROCINST HISTORY", "LIMIT");

    assertThat(pages).hasSize(1);
    assertThat(pages.get(0)).contains("order by HISTORY.END_TIME_ desc, HISTORY.PROC_DEF_ID_ desc, START_TIME_ desc");
    assertThat(H2Statements.plan(dataSource, pages.get(0)))
        .contains("OB_IDX_HI_PROCINST_RUNNING_COVERED", "index sorted */").doesNotContain("index sorted:");
  }

  /** The block's lines, blank ones as they are, indented as in Cockpit's XML. */
  private static String indented(String block) {
    return block.lines().map(line -> line.isBlank() ? line : "    " + line).collect(Collectors.joining("\n", "", "\n"));
  }

  /**
   * The page and count are read from the history rows only where those tell which instances run: a history
   * level that writes them at start and end, the engine's own history tables, and no clean-up of running
   * instances' rows.
   */
  @Test
  void thePageAndCountAreReadFromTheHistoryOnlyWhereItTellsWhichInstancesRun() {
    assertThat(AuthorizedCockpitQueries.historyTellsRunningInstances(engineWith(HistoryLevel.HISTORY_LEVEL_FULL, "end"))).isTrue();
    assertThat(AuthorizedCockpitQueries.historyTellsRunningInstances(engineWith(HistoryLevel.HISTORY_LEVEL_ACTIVITY, "none"))).isTrue();
    assertThat(AuthorizedCockpitQueries.historyTellsRunningInstances(engineWith(HistoryLevel.HISTORY_LEVEL_NONE, "end"))).isFalse();
    assertThat(AuthorizedCockpitQueries.historyTellsRunningInstances(engineWith(HistoryLevel.HISTORY_LEVEL_FULL, "start"))).isFalse();
    ProcessEngineConfigurationImpl ownHistoryHandler = engineWith(HistoryLevel.HISTORY_LEVEL_FULL, "end");
    ownHistoryHandler.setEnableDefaultDbHistoryEventHandler(false);
    assertThat(AuthorizedCockpitQueries.historyTellsRunningInstances(ownHistoryHandler)).isFalse();
    ProcessEngineConfigurationImpl startsOnly = engineWith(new StartsOnly(), "end");
    assertThat(AuthorizedCockpitQueries.historyTellsRunningInstances(startsOnly)).isFalse();
  }

  /** A custom history level that writes an instance's start but never its end. */
  private static final class StartsOnly extends AbstractHistoryLevel {
    @Override
    public int getId() {
      return 90;
    }

    @Override
    public String getName() {
      return "starts-only";
    }

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
      return eventType == HistoryEventTypes.PROCESS_INSTANCE_START;
    }
  }

  private static ProcessEngineConfigurationImpl engineWith(HistoryLevel level, String removalTimeStrategy) {
    ProcessEngineConfigurationImpl configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setHistoryLevel(level);
    configuration.setHistoryRemovalTimeStrategy(removalTimeStrategy);
    return configuration;
  }

  /** The statement Cockpit's page or count runs now. */
  private static String mapped(String cockpitStatement) {
    Command<String> statement = context -> context.getProcessEngineConfiguration().getDbSqlSessionFactory()
        .mapStatement(cockpitStatement);
    return Cockpit.getCommandExecutor("default").executeCommand(statement);
  }

  private Map<String, List<String>> withCockpitsOwnStatements(Supplier<Map<String, List<String>>> lists) {
    return withDelegate(new DefaultCockpitRuntimeDelegate(), lists);
  }

  private Map<String, List<String>> withDelegate(CockpitRuntimeDelegate delegate, Supplier<Map<String, List<String>>> lists) {
    CockpitRuntimeDelegate ours = Cockpit.getRuntimeDelegate();
    assertThat(ours).isInstanceOf(AuthorizedCockpitQueries.RuntimeDelegate.class);
    Cockpit.setCockpitRuntimeDelegate(delegate);
    try {
      return lists.get();
    } finally {
      Cockpit.setCockpitRuntimeDelegate(ours);
    }
  }

  private void authorize(int type, String userId, Resources resource, String resourceId,
      org.camunda.bpm.engine.authorization.Permission permission) {
    Authorization authorization = authorizationService.createNewAuthorization(type);
    authorization.setUserId(userId);
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    if (type == Authorization.AUTH_TYPE_REVOKE) {
      authorization.removePermission(permission);
    } else {
      authorization.addPermission(permission);
    }
    createdAuthorizations.add(authorizationService.saveAuthorization(authorization).getId());
  }

  private void user(String id, String... groups) {
    StaffUsers.ensureInGroups(identityService, id, PASSWORD, groups);
  }
}
