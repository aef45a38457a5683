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
import java.util.regex.Pattern;
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
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.model.bpmn.Bpmn;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * Our task query ({@code AuthorizedTaskQueries.xml}) is the engine's with only the authorization
 * check changed, and lists every user the same tasks in the same order as the engine's own statement,
 * through the engine REST API Tasklist calls.
 */
@OnboardingHttpTest
class AuthorizedTaskQueriesTest {

  private static final String PASSWORD = "Authorized-Tasks-Passw0rd!";
  private static final String TASK_XML = "org/camunda/bpm/engine/impl/mapping/entity/Task.xml";
  private static final String AUTHORIZATION_XML = "org/camunda/bpm/engine/impl/mapping/entity/Authorization.xml";
  private static final String FIXTURE = "authorizedTaskFixture";
  private static final String PAGE = "firstResult=0&maxResults=100";

  @Autowired TestRestTemplate http;
  @Autowired ProcessEngine engine;
  @Autowired IdentityService identityService;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired AuthorizationService authorizationService;
  @Autowired FilterService filterService;
  @Autowired DataSource dataSource;

  private final List<String> createdAuthorizations = new ArrayList<>();
  private String deploymentId;

  /**
   * Fails when an engine upgrade changes a statement we copied or an authorization fragment whose meaning
   * our EXISTS repeats: then redo {@code AuthorizedTaskQueries.xml} from the new engine's Task.xml, or drop it.
   */
  @Test
  void theEngineStatementsWeReplaceAreTheOnesWeCopied() throws Exception {
    String task = resource(TASK_XML);
    String authorization = resource(AUTHORIZATION_XML);
    String ours = resource(AuthorizedTaskQueries.MAPPER);

    assertThat(Map.of(
        "selectTaskByQueryCriteria", sha256(element(task, "select", "selectTaskByQueryCriteria")),
        "selectTaskCountByQueryCriteria", sha256(element(task, "select", "selectTaskCountByQueryCriteria")),
        "authCheckJoinWithoutOnClause", sha256(element(authorization, "sql", "authCheckJoinWithoutOnClause")),
        "authCheckJoinWithoutOnClauseWithBinding",
        sha256(element(authorization, "sql", "authCheckJoinWithoutOnClauseWithBinding")),
        "contextualAuthorizationCheck", sha256(element(authorization, "sql", "contextualAuthorizationCheck"))))
        .as("Camunda 7.24.0's statements and fragments")
        .isEqualTo(Map.of(
            "selectTaskByQueryCriteria", "c320ce95752b34431a02d5cc97205a0f3bb0decbdaf212d216273dad0df32dd8",
            "selectTaskCountByQueryCriteria", "afca9eb71174fe36188a85845748ee4ee082e0d4ba4af9480f2151087f1f2fed",
            "authCheckJoinWithoutOnClause", "84b12934de9485dee9e12400d095e6726d96a6b0e95388a0395d4ecc49fdea50",
            "authCheckJoinWithoutOnClauseWithBinding", "ae83712b2c3fb437d70dc82807daa3350aded061fdc2e1f191ee06d34d9db5c4",
            "contextualAuthorizationCheck", "c980e7456e4c8216e46535739ef8ed608258548d530f356bc9160766781b0d02"));
    // the query itself: the engine's, with the join taken out and the check in the where clause swapped
    String engineQuery = element(task, "sql", "selectTaskByQueryCriteriaSql");
    String join = """
            <if test="authCheck.shouldPerformAuthorizatioCheck &amp;&amp; authCheck.authUserId != null">
              <if test="!authCheck.revokeAuthorizationCheckEnabled">   \s
                <include refid="org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity.authCheckJoinWithoutOnClause" />\s
                AUTH ON (AUTH.RESOURCE_ID_ ${authJoinStart} RES.ID_ ${authJoinSeparator} D.KEY_ ${authJoinSeparator} '*' ${authJoinEnd})
              </if>
            </if>
        """;
    String check = "<include refid=\"org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity"
        + ".contextualAuthorizationCheck\" /> ";
    String identityLinkJoin = "<if test=\"I_JOIN\">";
    String candidateLink = """
        <if test="!query.includeAssignedTasks">
          and RES.ASSIGNEE_ is null
        </if>
        and I.TYPE_ = 'candidate'
        """.indent(16);
    String candidateLinkExists = candidateLink.replace("        and I.TYPE_ = 'candidate'\n".indent(8), """
        <!-- changed: the candidate link checked with EXISTS when each task can match once; a
          publisher's group has few tasks, so its list starts from the group's links instead -->
        <if test="EACH_TASK_ONCE">
          <choose>
            <when test="@cn.marketplace.onboarding.engine.AuthorizedTaskQueries@publishersOnly(query)">
              and RES.ID_ in (select I.TASK_ID_ from ${prefix}ACT_RU_IDENTITYLINK I where 1 = 1
            </when>
            <otherwise>
              and exists (select 1 from ${prefix}ACT_RU_IDENTITYLINK I where I.TASK_ID_ = RES.ID_
            </otherwise>
          </choose>
        </if>
        and I.TYPE_ = 'candidate'
        """.indent(16));
    String candidateLinkEnd = """
        <if test="query.withCandidateUsers">
          and I.USER_ID_ is not null
        </if>
        """.indent(16);
    String candidateLinkExistsEnd = """
        <if test="EACH_TASK_ONCE">
          )
        </if>
        """.indent(16);
    String keyInCondition = """
        ${queryType} RES.TASK_DEF_KEY_ in
        <foreach item="item" index="index" collection="query.taskDefinitionKeys"
                 open="(" separator="," close=")">
          #{item}
        </foreach>
        """;
    String keysGiven = "<if test=\"query.taskDefinitionKeys != null &amp;&amp; query.taskDefinitionKeys.length > 0\">\n";
    String keyIn = (keysGiven + keyInCondition.indent(2) + "</if>\n").indent(12);
    String keyInOrOneKey = (keysGiven + """
          <choose>
            <!-- changed: the one key of a union's part (authorizedTaskSelect) -->
            <when test="PAGE_KEY != null">
              ${queryType} RES.TASK_DEF_KEY_ = #{PAGE_KEY}
            </when>
            <otherwise>
        """ + keyInCondition.indent(6) + """
            </otherwise>
          </choose>
        </if>
        """).indent(12);
    String taskTable = "\n    from ${prefix}ACT_RU_TASK RES\n";
    String taskTableWithIndex = taskTable + """
        <!-- changed: on H2, the index a list of task keys or of overdue tasks reads (AuthorizedTaskQueries.h2TaskIndex),
          and a page of a staff group's tasks by due date (h2PageIndex) -->
        <if test="H2_TASK_INDEX != null">USE INDEX (${H2_TASK_INDEX})</if>
        """.indent(4);
    String definitionForTheCheck = """
        authCheck.shouldPerformAuthorizatioCheck &amp;&amp; authCheck.authUserId != null">
        <bind name="D_JOIN" value="true" />
        """.indent(8);
    String definitionForTheRevokeCheck = """
        authCheck.shouldPerformAuthorizatioCheck &amp;&amp; authCheck.authUserId != null
        &amp;&amp; authCheck.revokeAuthorizationCheckEnabled">
        <!-- changed: for the authorization check only when the engine's check (with revokes) names D.KEY_;
          ours looks the definitions up by the task's definition id, and a count read a definition per task -->
        <bind name="D_JOIN" value="true" />
        """.indent(8);
    assertThat(engineQuery).contains(join, check, identityLinkJoin, candidateLink, candidateLinkEnd, keyIn, taskTable,
        definitionForTheCheck);
    assertThat(engineQuery.split(java.util.regex.Pattern.quote(identityLinkJoin), -1)).hasSize(2);
    assertThat(element(ours, "sql", "authorizedTaskByQueryCriteriaSql")).isEqualTo(engineQuery
        .replace("<sql id=\"selectTaskByQueryCriteriaSql\">", "<sql id=\"authorizedTaskByQueryCriteriaSql\">")
        .replace(join, "    <!-- changed: no join with the authorizations; \"authorizedTask\" below checks them with EXISTS -->\n")
        .replace(check, "<include refid=\"" + AuthorizedTaskQueries.NAMESPACE + ".authorizedTask\" />")
        .replace(identityLinkJoin, "<if test=\"I_JOIN &amp;&amp; !EACH_TASK_ONCE\">")
        .replace(candidateLink, candidateLinkExists)
        .replace(candidateLinkEnd, candidateLinkEnd + candidateLinkExistsEnd)
        .replace(keyIn, keyInOrOneKey)
        .replace(taskTable, taskTableWithIndex)
        .replace(definitionForTheCheck, definitionForTheRevokeCheck));
  }

  @Test
  void everyUserListsTheSameTasksAsWithTheEngineStatement() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.getDbSqlSessionFactory().mapStatement("selectTaskByQueryCriteria"))
        .isEqualTo(AuthorizedTaskQueries.REPLACED.get(configuration.getDatabaseType()).get("selectTaskByQueryCriteria"));
    Map<String, List<String>> ours = listsOfEveryUser();
    Map<String, List<String>> engines = withTheEngineStatements(this::listsOfEveryUser);

    assertThat(ours).isEqualTo(engines);
    // and they are what each user may see
    assertThat(ours.get("atq-acme all")).hasSize(1);
    assertThat(ours.get("atq-acme count")).containsExactly("1");
    assertThat(ours.get("atq-reviewer all")).hasSize(2);
    // one of the reviewers' two tasks is assigned: a candidate list shows it only when asked to
    assertThat(ours.get("atq-reviewer candidate marketplace-reviewers")).hasSize(1);
    assertThat(ours.get("atq-reviewer candidate marketplace-reviewers count")).containsExactly("1");
    assertThat(ours.get("atq-reviewer candidate marketplace-reviewers by due date")).hasSize(1);
    assertThat(ours.get("atq-reviewer candidate marketplace-reviewers with assigned")).hasSize(2);
    assertThat(ours.get("atq-acme candidate isv-atq-acme")).hasSize(1);
    assertThat(ours.get("atq-watcher with candidate groups")).hasSize(5);
    assertThat(ours.get("atq-watcher all")).hasSize(6);
    assertThat(ours.get("atq-ops all")).hasSize(6);
    assertThat(ours.get("atq-nobody all")).isEmpty();
    assertThat(ours.get("atq-solo all")).hasSize(1);
    assertThat(ours.get("atq-solo count")).containsExactly("1");
    assertThat(ours.get("atq-reviewer by one key by due date")).hasSize(2);
    assertThat(ours.get("atq-watcher by keys by due date")).hasSize(4);
    assertThat(ours.get("atq-watcher by keys, second page")).hasSize(2);
    assertThat(ours.get("atq-watcher by keys named twice")).hasSize(3);
  }

  /**
   * H2 reads a page in an index's order only when the ORDER BY starts with the index's columns; else it
   * started from the tenant index (every task's tenant is null) and sorted every open task for the page.
   * The plan of the statement the list ran, as H2 explains it.
   */
  @Test
  void onH2AListOfOneTaskKeyReadsItsPageInTheKeysIndexOrder() {
    H2Statements.assumeH2(engine);
    String fixture = "/engine-rest/task?processDefinitionKey=" + FIXTURE + "&sortBy=dueDate&sortOrder=asc&" + PAGE;
    List<String> pages = H2Statements.ranDuring(dataSource, () -> assertThat(taskIds("atq-reviewer", fixture
        + "&candidateGroup=" + Groups.REVIEWERS + "&taskDefinitionKey=reviewApplication&includeAssignedTasks=true"))
        .hasSize(2), "ACT_RU_TASK RES", "LIMIT", "RES.TASK_DEF_KEY_ = ?");

    assertThat(pages).hasSize(1);
    assertThat(pages.get(0)).contains("order by RES.TASK_DEF_KEY_ asc, RES.DUE_DATE_ asc");
    assertThat(H2Statements.plan(dataSource, pages.get(0)))
        .contains("PUBLIC.OB_IDX_TASK_DEF_KEY_DUE", "index sorted").doesNotContain("ACT_IDX_TASK_TENANT_ID");
  }

  /**
   * A page of a staff group's tasks by due date walks the due-date index in the page's order and stops
   * when the page is full; H2 started from the assignee index (every unclaimed task) and sorted every match.
   */
  @Test
  void onH2AStaffGroupsPageByDueDateWalksTheDueDates() {
    H2Statements.assumeH2(engine);
    List<String> pages = H2Statements.ranDuring(dataSource, () -> assertThat(taskIds("atq-reviewer",
        "/engine-rest/task?processDefinitionKey=" + FIXTURE + "&candidateGroup=" + Groups.REVIEWERS
        + "&includeAssignedTasks=true&sortBy=dueDate&sortOrder=asc&firstResult=0&maxResults=15")).hasSize(2),
        "ACT_RU_TASK RES", "LIMIT");
    List<String> descending = H2Statements.ranDuring(dataSource, () -> assertThat(taskIds("atq-reviewer",
        "/engine-rest/task?processDefinitionKey=" + FIXTURE + "&candidateGroup=" + Groups.REVIEWERS
        + "&includeAssignedTasks=true&sortBy=dueDate&sortOrder=desc&firstResult=0&maxResults=15")).hasSize(2),
        "ACT_RU_TASK RES", "LIMIT");

    assertThat(pages).hasSize(1);
    assertThat(pages.get(0)).contains("USE INDEX (OB_IDX_TASK_DUE_DATE)");
    assertThat(H2Statements.plan(dataSource, pages.get(0))).contains("PUBLIC.OB_IDX_TASK_DUE_DATE", "index sorted");
    // H2 reads this index forwards only
    assertThat(descending).singleElement().satisfies(page -> assertThat(page).doesNotContain("USE INDEX"));
  }

  /**
   * A count (Tasklist's HAL list carries one) of a list by task key or of overdue tasks reads that index;
   * H2 rated the engine's tenant index (every task's tenant is null) alike and read every open task.
   */
  @Test
  void onH2ACountByTaskKeyOrOfOverdueTasksReadsThatIndex() {
    H2Statements.assumeH2(engine);
    String fixture = "/engine-rest/task/count?processDefinitionKey=" + FIXTURE;
    List<String> byKey = H2Statements.ranDuring(dataSource, () -> assertThat(get("atq-ops", fixture
        + "&taskDefinitionKey=callApplicant").get("count").asLong()).isEqualTo(2), "count(", "ACT_RU_TASK RES");
    List<String> overdue = H2Statements.ranDuring(dataSource, () -> assertThat(get("atq-ops", fixture
        + "&dueBefore=2030-01-02T00:00:00.000-0000").get("count").asLong()).isEqualTo(6), "count(", "ACT_RU_TASK RES");

    assertThat(byKey).hasSize(1);
    assertThat(H2Statements.plan(dataSource, byKey.get(0)))
        .contains("PUBLIC.OB_IDX_TASK_DEF_KEY_DUE").doesNotContain("ACT_IDX_TASK_TENANT_ID");
    assertThat(overdue).hasSize(1);
    assertThat(H2Statements.plan(dataSource, overdue.get(0)))
        .contains("PUBLIC.OB_IDX_TASK_DUE_DATE").doesNotContain("ACT_IDX_TASK_TENANT_ID");
  }

  /**
   * Tasklist counts a filter's tasks with each list: the stored query of a product filter holds an empty
   * list of instances where it names none, and its count read every open task from the tenant index.
   */
  @Test
  void onH2AProductFiltersCountReadsItsTaskKeysIndex() {
    H2Statements.assumeH2(engine);
    String filterId = filterService.createFilterQuery().filterName(TasklistFilters.APPLICATIONS_TO_REVIEW)
        .singleResult().getId();
    // as Tasklist asks a filter's list: HAL, so the page comes with its count, sorted by the body
    List<String> counts = H2Statements.ranDuring(dataSource, () -> assertThat(new EngineRestAsUser(http, PASSWORD)
        .post("atq-reviewer", "/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=15",
            "{\"sorting\":[{\"sortBy\":\"dueDate\",\"sortOrder\":\"asc\"}]}", "application/hal+json")
        .get("count").asLong()).isGreaterThanOrEqualTo(2), "count(", "ACT_RU_TASK RES");

    assertThat(counts).hasSize(1);
    // named: on a database this small, H2 may pick the index without being told
    assertThat(counts.get(0)).contains("USE INDEX (OB_IDX_TASK_DEF_KEY_DUE)");
    assertThat(H2Statements.plan(dataSource, counts.get(0)))
        .contains("PUBLIC.OB_IDX_TASK_DEF_KEY_DUE").doesNotContain("ACT_IDX_TASK_TENANT_ID");
  }

  /** A list that names its process instance reads that instance's tasks, not every task of the key. */
  @Test
  void onH2AListOfOneInstancesTasksByKeyReadsTheInstancesTasks() {
    H2Statements.assumeH2(engine);
    String instance = taskService.createTaskQuery().processDefinitionKey(FIXTURE).taskDefinitionKey("callApplicant")
        .listPage(0, 1).get(0).getProcessInstanceId();
    List<String> counts = H2Statements.ranDuring(dataSource, () -> assertThat(get("atq-ops",
        "/engine-rest/task/count?processInstanceId=" + instance + "&taskDefinitionKey=callApplicant")
        .get("count").asLong()).isEqualTo(1), "count(", "ACT_RU_TASK RES");

    assertThat(counts).hasSize(1);
    assertThat(counts.get(0)).doesNotContain("USE INDEX");
    assertThat(H2Statements.plan(dataSource, counts.get(0))).doesNotContain("PUBLIC.OB_IDX_TASK_DEF_KEY_DUE");
  }

  /**
   * A list of several task keys, as "Submissions to review" names two, reads each key's first rows in
   * the key's index order and pages their union; before, H2 sorted every open task for its page.
   */
  @Test
  void onH2AListOfSeveralTaskKeysReadsEachKeysRowsInTheKeysIndexOrder() {
    H2Statements.assumeH2(engine);
    List<String> pages = H2Statements.ranDuring(dataSource, () -> assertThat(taskIds("atq-ops",
        "/engine-rest/task?processDefinitionKey=" + FIXTURE + "&taskDefinitionKeyIn=fixSubmission,callApplicant"
        + "&sortBy=dueDate&sortOrder=asc&firstResult=1&maxResults=2")).hasSize(2), "ACT_RU_TASK RES", "LIMIT");

    assertThat(pages).hasSize(1);
    assertThat(pages.get(0)).contains("union all", "RES.TASK_DEF_KEY_ = ?").doesNotContain("RES.TASK_DEF_KEY_ in");
    String plan = H2Statements.plan(dataSource, pages.get(0));
    assertThat(Pattern.compile("PUBLIC.OB_IDX_TASK_DEF_KEY_DUE").matcher(plan).results().count())
        .as("each key's part reads the key's index: %s", plan).isEqualTo(2);
    assertThat(Pattern.compile("index sorted").matcher(plan).results().count())
        .as("each key's part reads in the index's order: %s", plan).isEqualTo(2);
    assertThat(plan).doesNotContain("ACT_IDX_TASK_TENANT_ID");
  }

  @BeforeEach
  void twoIsvsWithThreeTasksEach() {
    user("atq-reviewer", Groups.REVIEWERS);
    user("atq-ops", Groups.OPERATIONS);
    user("atq-acme", Groups.PUBLISHERS, "isv-atq-acme");
    user("atq-globex", Groups.PUBLISHERS, "isv-atq-globex");
    // the product's API gate lets product groups only: the watcher is support as well, nobody a publisher without tasks
    user("atq-watcher", Groups.SUPPORT, "atq-watchers");
    user("atq-nobody", Groups.PUBLISHERS, "isv-atq-nobody");
    // granted one task by name, as a user and not through a group
    user("atq-solo", Groups.PUBLISHERS);
    deploymentId = repositoryService.createDeployment().addModelInstance(FIXTURE + ".bpmn",
        Bpmn.createExecutableProcess(FIXTURE).camundaHistoryTimeToLive(1)
            .startEvent().parallelGateway("fork")
            .userTask("reviewApplication").camundaCandidateGroups(Groups.REVIEWERS).endEvent()
            .moveToNode("fork").userTask("fixSubmission").camundaCandidateGroups("isv-${publisherId}").endEvent()
            .moveToNode("fork").userTask("callApplicant").camundaCandidateGroups(Groups.ACCOUNT_MANAGERS).endEvent()
            .done()).deploy().getId();
    for (String publisher : List.of("atq-acme", "atq-globex")) {
      runtimeService.startProcessInstanceByKey(FIXTURE, Map.of("publisherId", publisher));
    }
    taskService.setAssignee(taskService.createTaskQuery().processDefinitionKey(FIXTURE)
        .taskDefinitionKey("reviewApplication").listPage(0, 1).get(0).getId(), "atq-reviewer");
    // due dates in the reverse order of the ids, so that a list by due date shows its own order
    List<org.camunda.bpm.engine.task.Task> fixtureTasks =
        taskService.createTaskQuery().processDefinitionKey(FIXTURE).orderByTaskId().asc().list();
    for (int i = 0; i < fixtureTasks.size(); i++) {
      org.camunda.bpm.engine.task.Task task = fixtureTasks.get(i);
      task.setDueDate(java.util.Date.from(java.time.Instant.parse("2030-01-01T00:00:00Z")
          .plus(java.time.Duration.ofHours(fixtureTasks.size() - i))));
      taskService.saveTask(task);
    }
    // a group that reads every task of one process definition (READ_TASK on its key), as support does
    Authorization watchers = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    watchers.setGroupId("atq-watchers");
    watchers.setResource(Resources.PROCESS_DEFINITION);
    watchers.setResourceId(FIXTURE);
    watchers.addPermission(ProcessDefinitionPermissions.READ_TASK);
    createdAuthorizations.add(authorizationService.saveAuthorization(watchers).getId());
    Authorization solo = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    solo.setUserId("atq-solo");
    solo.setResource(Resources.TASK);
    solo.setResourceId(fixtureTasks.get(0).getId());
    solo.addPermission(Permissions.READ);
    createdAuthorizations.add(authorizationService.saveAuthorization(solo).getId());
  }

  @AfterEach
  void cleanUp() {
    createdAuthorizations.forEach(authorizationService::deleteAuthorization);
    repositoryService.deleteDeployment(deploymentId, true);
  }

  /** Each user's lists of this fixture's tasks, as Tasklist asks them: all, by candidate group, the count. */
  private Map<String, List<String>> listsOfEveryUser() {
    Map<String, List<String>> lists = new LinkedHashMap<>();
    for (String user : List.of("atq-reviewer", "atq-ops", "atq-acme", "atq-globex", "atq-watcher", "atq-nobody",
        "atq-solo")) {
      String fixture = "processDefinitionKey=" + FIXTURE;
      lists.put(user + " all", taskIds(user, "/engine-rest/task?" + fixture + "&sortBy=id&sortOrder=asc&" + PAGE));
      lists.put(user + " by due date", taskIds(user, "/engine-rest/task?" + fixture
          + "&sortBy=dueDate&sortOrder=asc&firstResult=0&maxResults=15"));
      for (String group : List.of(Groups.REVIEWERS, "isv-atq-acme")) {
        lists.put(user + " candidate " + group, taskIds(user, "/engine-rest/task?" + fixture + "&candidateGroup=" + group
            + "&sortBy=id&sortOrder=asc&" + PAGE));
      }
      lists.put(user + " candidate user", taskIds(user, "/engine-rest/task?" + fixture + "&candidateUser=" + user
          + "&sortBy=id&sortOrder=asc&" + PAGE));
      lists.put(user + " involved", taskIds(user, "/engine-rest/task?" + fixture + "&involvedUser=" + user
          + "&sortBy=id&sortOrder=asc&" + PAGE));
      for (String group : List.of(Groups.REVIEWERS, "isv-atq-acme")) {
        lists.put(user + " candidate " + group + " by due date", taskIds(user, "/engine-rest/task?" + fixture
            + "&candidateGroup=" + group + "&sortBy=dueDate&sortOrder=asc&firstResult=0&maxResults=15"));
        lists.put(user + " candidate " + group + " count", List.of(get(user, "/engine-rest/task/count?" + fixture
            + "&candidateGroup=" + group).get("count").asText()));
        lists.put(user + " candidate " + group + " with assigned", taskIds(user, "/engine-rest/task?" + fixture
            + "&candidateGroup=" + group + "&includeAssignedTasks=true&sortBy=id&sortOrder=asc&" + PAGE));
      }
      // the lists of Tasklist's filters by task key: one key, and several, by due date
      lists.put(user + " by one key by due date", taskIds(user, "/engine-rest/task?" + fixture
          + "&candidateGroup=" + Groups.REVIEWERS + "&taskDefinitionKey=reviewApplication&includeAssignedTasks=true&sortBy=dueDate&sortOrder=asc&" + PAGE));
      lists.put(user + " by keys by due date", taskIds(user, "/engine-rest/task?" + fixture
          + "&taskDefinitionKeyIn=fixSubmission,callApplicant&sortBy=dueDate&sortOrder=asc&" + PAGE));
      // pages past the first, a key named twice, a key without tasks, another order
      lists.put(user + " by keys, second page", taskIds(user, "/engine-rest/task?" + fixture
          + "&taskDefinitionKeyIn=fixSubmission,callApplicant,reviewApplication&sortBy=dueDate&sortOrder=asc"
          + "&firstResult=2&maxResults=2"));
      lists.put(user + " by keys named twice", taskIds(user, "/engine-rest/task?" + fixture
          + "&taskDefinitionKeyIn=callApplicant,fixSubmission,callApplicant,noSuchTask&sortBy=dueDate&sortOrder=desc"
          + "&firstResult=0&maxResults=3"));
      lists.put(user + " by keys and candidate groups by id", taskIds(user, "/engine-rest/task?" + fixture
          + "&taskDefinitionKeyIn=fixSubmission,reviewApplication&includeAssignedTasks=true&candidateGroups="
          + Groups.REVIEWERS + ",isv-atq-acme&sortBy=id&sortOrder=desc&firstResult=1&maxResults=2"));
      lists.put(user + " with candidate groups", taskIds(user, "/engine-rest/task?" + fixture
          + "&withCandidateGroups=true&sortBy=id&sortOrder=asc&" + PAGE));
      lists.put(user + " count", List.of(get(user, "/engine-rest/task/count?" + fixture).get("count").asText()));
    }
    return lists;
  }

  private Map<String, List<String>> withTheEngineStatements(java.util.function.Supplier<Map<String, List<String>>> lists) {
    return CopiedStatements.withTheEngineStatements(engine, AuthorizedTaskQueries.REPLACED, Map.of(), lists);
  }

  private List<String> taskIds(String user, String path) {
    List<String> ids = new ArrayList<>();
    get(user, path).forEach(task -> ids.add(task.get("id").asText()));
    return ids;
  }

  private JsonNode get(String user, String path) {
    return new EngineRestAsUser(http, PASSWORD).get(user, path);
  }

  private void user(String id, String... groups) {
    StaffUsers.ensureInGroups(identityService, id, PASSWORD, groups);
  }
}
