package cn.marketplace.onboarding.engine;

import static cn.marketplace.onboarding.engine.CopiedStatements.element;
import static cn.marketplace.onboarding.engine.CopiedStatements.resource;
import static cn.marketplace.onboarding.engine.CopiedStatements.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.testsupport.OnboardingHttpTest;
import cn.marketplace.onboarding.testsupport.StaffUsers;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.VariableInstanceQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * Our list of variable instances ({@code AuthorizedVariableQueries.xml}) gives every user the same variables
 * in the same order as the engine's own statement: through the engine REST API's variable list, and in the
 * variables a Tasklist filter's page shows (HAL, as Tasklist asks it).
 */
@OnboardingHttpTest
class AuthorizedVariableQueriesTest {

  private static final String PASSWORD = "Authorized-Variables-Passw0rd!";
  private static final String VARIABLE_XML = "org/camunda/bpm/engine/impl/mapping/entity/VariableInstance.xml";
  private static final String AUTHORIZATION_XML = "org/camunda/bpm/engine/impl/mapping/entity/Authorization.xml";
  private static final String PROCESS = "avqShown";
  private static final List<String> USERS = List.of("avq-ops", "avq-keyed", "avq-instance", "avq-task", "avq-task-instance",
      "avq-group", "avq-nobody");

  @Autowired TestRestTemplate http;
  @Autowired ProcessEngine engine;
  @Autowired IdentityService identityService;
  @Autowired AuthorizationService authorizationService;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired FilterService filterService;
  private CreatedGrants grants;
  private String deployment;
  private String filterId;
  /** The fixture's instances and their tasks, by name. */
  private final Map<String, String> instances = new LinkedHashMap<>();
  private final Map<String, String> tasks = new LinkedHashMap<>();

  /**
   * Fails when an engine upgrade changes the statement we replace, the fragment our copy is made of, or an
   * authorization fragment whose meaning ours repeats: then redo {@code AuthorizedVariableQueries.xml}.
   */
  @Test
  void theEngineStatementWeReplaceIsTheOneWeCopied() throws Exception {
    String variables = resource(VARIABLE_XML);
    String authorization = resource(AUTHORIZATION_XML);

    assertThat(Map.of(
        "selectVariableInstanceByQueryCriteria",
        sha256(element(variables, "select", "selectVariableInstanceByQueryCriteria")),
        "selectVariableInstanceByQueryCriteriaSql",
        sha256(element(variables, "sql", "selectVariableInstanceByQueryCriteriaSql")),
        "contextualAuthorizationCheck",
        sha256(element(authorization, "sql", "contextualAuthorizationCheck")),
        "authCheckJoinWithoutOnClauseWithBinding",
        sha256(element(authorization, "sql", "authCheckJoinWithoutOnClauseWithBinding"))))
        .as("Camunda 7.24.0's statement and fragments")
        .isEqualTo(Map.of(
            "selectVariableInstanceByQueryCriteria", "46a6758ab9d5fad5f24e94ccc3c5be0f325dc664f819741ef9908ae6fb1e877b",
            "selectVariableInstanceByQueryCriteriaSql", "e7f38c0f1237888e779e5fe611403c25ca43d2c6e11ed166677a53c59766fa4a",
            "contextualAuthorizationCheck", "c980e7456e4c8216e46535739ef8ed608258548d530f356bc9160766781b0d02",
            "authCheckJoinWithoutOnClauseWithBinding", "ae83712b2c3fb437d70dc82807daa3350aded061fdc2e1f191ee06d34d9db5c4"));
    // a query whose check reads revokes or composite checks runs the engine's statement as written
    assertThat(element(resource(AuthorizedVariableQueries.MAPPER), "select",
        "selectAuthorizedVariableInstanceByQueryCriteria")).contains(
        "resultMap=\"org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity.variableInstanceResultMap\"",
        "select ${distinct} RES.*\n        ${limitBetween}\n        <include refid=\"org.camunda.bpm.engine.impl.persistence"
            + ".entity.VariableInstanceEntity.selectVariableInstanceByQueryCriteriaSql\"/>");
  }

  @Test
  void everyUserListsTheSameVariablesAsWithTheEngineStatement() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    Map<String, String> routes = AuthorizedVariableQueries.REPLACED.get(configuration.getDatabaseType());
    assertThat(configuration.getDbSqlSessionFactory().mapStatement("selectVariableInstanceByQueryCriteria"))
        .isEqualTo(routes.get("selectVariableInstanceByQueryCriteria"));
    // a revoke for a caller turns the engine's revoke checks on ("auto") and ours would not answer: none here
    assertThat(authorizationService.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_REVOKE).count())
        .isZero();
    Map<String, List<String>> ours = variablesOfEveryUser();

    assertThat(ours).isEqualTo(CopiedStatements.withTheEngineStatements(engine, AuthorizedVariableQueries.REPLACED,
        Map.of(), this::variablesOfEveryUser));
    // and they are what each user may read
    assertThat(ours.get("avq-ops")).containsExactlyInAnyOrder("shown=0", "hidden=0", "local=0", "shown=1", "hidden=1",
        "local=1", "shown=2", "hidden=2", "local=2");
    assertThat(ours.get("avq-keyed")).containsExactlyInAnyOrderElementsOf(ours.get("avq-ops"));
    assertThat(ours.get("avq-instance")).containsExactlyInAnyOrder("shown=1", "hidden=1", "local=1");
    assertThat(ours.get("avq-task")).containsExactly("local=2");
    assertThat(ours.get("avq-group")).containsExactlyInAnyOrder("shown=0", "hidden=0", "local=0");
    assertThat(ours.get("avq-nobody")).isEmpty();
    // the variables a filter shows, with the tasks each user may see
    assertThat(ours.get("avq-ops shown")).containsExactlyInAnyOrder("task 0: local=0 shown=0", "task 1: local=1 shown=1",
        "task 2: local=2 shown=2");
    assertThat(ours.get("avq-task shown")).containsExactly("task 2: local=2");
    assertThat(ours.get("avq-task-instance shown")).containsExactly("task 1: local=1 shown=1");
  }

  /** A check that reads revokes (or composite checks) runs the engine's statement. */
  @Test
  void oursAnswersOnlyAQueryWhoseCheckReadsGrantsAlone() {
    VariableInstanceQueryImpl grantsAlone = new VariableInstanceQueryImpl();
    VariableInstanceQueryImpl withRevokes = new VariableInstanceQueryImpl();
    withRevokes.getAuthCheck().setRevokeAuthorizationCheckEnabled(true);

    assertThat(AuthorizedVariableQueries.checksGrantsAlone(grantsAlone)).isTrue();
    assertThat(AuthorizedVariableQueries.checksGrantsAlone(withRevokes)).isFalse();
  }

  @BeforeEach
  void instancesWithVariablesOnTheInstanceAndTheTask() {
    // operations read every instance; reviewers may ask a filter's list and the variables
    StaffUsers.ensureInGroups(identityService, "avq-ops", PASSWORD, Groups.REVIEWERS, Groups.OPERATIONS);
    StaffUsers.ensureInGroups(identityService, "avq-group", PASSWORD, Groups.REVIEWERS, "avq-readers");
    USERS.forEach(user -> StaffUsers.ensureInGroups(identityService, user, PASSWORD, Groups.REVIEWERS));
    deployment = repositoryService.createDeployment().addModelInstance(PROCESS + ".bpmn",
        Bpmn.createExecutableProcess(PROCESS).camundaHistoryTimeToLive(1).startEvent().userTask("look").endEvent().done())
        .deploy().getId();
    for (int i = 0; i < 3; i++) {
      String instance = runtimeService.startProcessInstanceByKey(PROCESS,
          Variables.createVariables().putValue("shown", String.valueOf(i)).putValue("hidden", String.valueOf(i))).getId();
      String task = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
      taskService.setVariableLocal(task, "local", String.valueOf(i));
      instances.put("instance " + i, instance);
      tasks.put("task " + i, task);
    }
    Filter filter = filterService.newTaskFilter("avq shown").setQuery(taskService.createTaskQuery().processDefinitionKey(PROCESS))
        .setProperties(Map.<String, Object>of("variables", List.of(Map.of("name", "shown", "label", "Shown"),
            Map.of("name", "local", "label", "Local"))));
    filterId = filterService.saveFilter(filter).getId();
    grants = new CreatedGrants(authorizationService);
    USERS.forEach(user -> grants.grant(user, null, Resources.FILTER, filterId, Permissions.READ));
    grants.grant("avq-keyed", null, Resources.PROCESS_DEFINITION, PROCESS, ProcessDefinitionPermissions.READ_INSTANCE);
    grants.grant("avq-instance", null, Resources.PROCESS_INSTANCE, instances.get("instance 1"), Permissions.READ);
    grants.grant("avq-task", null, Resources.TASK, tasks.get("task 2"), Permissions.READ);
    grants.grant("avq-task-instance", null, Resources.TASK, tasks.get("task 1"), Permissions.READ);
    grants.grant("avq-task-instance", null, Resources.PROCESS_INSTANCE, instances.get("instance 1"), Permissions.READ);
    grants.grant(null, "avq-readers", Resources.PROCESS_INSTANCE, instances.get("instance 0"), Permissions.READ);
  }

  @AfterEach
  void cleanUp() {
    grants.deleteAll();
    filterService.deleteFilter(filterId);
    repositoryService.deleteDeployment(deployment, true);
  }

  /**
   * Each user's variables of the fixture's instances as the engine REST API lists them (name=value, in the
   * list's order), and the variables a filter's page shows with each task, as Tasklist asks it.
   */
  private Map<String, List<String>> variablesOfEveryUser() {
    EngineRestAsUser rest = new EngineRestAsUser(http, PASSWORD);
    Map<String, List<String>> lists = new LinkedHashMap<>();
    for (String user : USERS) {
      List<String> variables = new ArrayList<>();
      rest.get(user, "/engine-rest/variable-instance?processInstanceIdIn=" + String.join(",", instances.values())
          + "&firstResult=0&maxResults=100").forEach(variable -> variables.add(nameAndValue(variable)));
      lists.put(user, variables);
      List<String> shown = new ArrayList<>();
      JsonNode page = rest.post(user, "/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=15",
          "{\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"asc\"}]}", "application/hal+json");
      page.path("_embedded").path("task").forEach(task -> {
        List<String> values = new ArrayList<>();
        task.path("_embedded").path("variable").forEach(variable -> values.add(nameAndValue(variable)));
        shown.add(taskName(task.get("id").asText()) + ": " + String.join(" ", values.stream().sorted().toList()));
      });
      lists.put(user + " shown", shown);
    }
    return lists;
  }

  private static String nameAndValue(JsonNode variable) {
    return variable.get("name").asText() + "=" + variable.get("value").asText();
  }

  private String taskName(String id) {
    return tasks.entrySet().stream().filter(task -> task.getValue().equals(id)).map(Map.Entry::getKey).findFirst()
        .orElse(id);
  }
}
