package cn.marketplace.onboarding.engine;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.account.AccountService;
import cn.marketplace.onboarding.account.Publisher;
import cn.marketplace.onboarding.account.PublisherRepository;
import cn.marketplace.onboarding.account.PublisherTaskLists;
import cn.marketplace.onboarding.application.ApplicationFixtures;
import cn.marketplace.onboarding.application.ApplicationService;
import cn.marketplace.onboarding.application.SubmittedApplication;
import cn.marketplace.onboarding.testsupport.OnboardingHttpTest;
import cn.marketplace.onboarding.testsupport.StaffUsers;
import cn.marketplace.onboarding.testsupport.TasklistClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Each role's Tasklist filters as its users see them: which filters they may read, and which tasks
 * each filter lists for them. The tasks come from a small process with one user task of each kind
 * the filters know (same keys and candidate groups as the product's processes), one instance per ISV.
 * The two ISVs get their own "My tasks" as an account issue gives it; over HTTP, each signs in to
 * Tasklist and calls the engine API as Tasklist does.
 */
@OnboardingHttpTest
class TasklistFiltersTest {

  private static final String PASSWORD = "Filter-Passw0rd!x";

  @Autowired TasklistFilters tasklistFilters;
  @Autowired FilterService filterService;
  @Autowired IdentityService identityService;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ApplicationService applications;
  @Autowired AccountService accounts;
  @Autowired PublisherRepository publishers;
  @Autowired PublisherTaskLists publisherTaskLists;
  @Autowired AuthorizationService authorizationService;
  @Autowired TestRestTemplate http;

  private String deploymentId;
  private Set<String> instances;

  @BeforeEach
  void oneTaskOfEachKindForTwoIsvs() {
    user("filters-reviewer", Groups.REVIEWERS);
    user("filters-manager", Groups.ACCOUNT_MANAGERS);
    user("filters-support", Groups.SUPPORT);
    user("filters-ops", Groups.OPERATIONS);
    user("filters-acme", Groups.PUBLISHERS, "isv-acme");
    user("filters-globex", Groups.PUBLISHERS, "isv-globex");
    tasklistFilters.ensureMyTasks("isv-acme");
    tasklistFilters.ensureMyTasks("isv-globex");
    deploymentId = repositoryService.createDeployment().addModelInstance("filter-fixture.bpmn", fixture()).deploy().getId();
    instances = Set.of(
        runtimeService.startProcessInstanceByKey("filterFixture", Map.of("publisherId", "acme", "companyName", "Acme")).getId(),
        runtimeService.startProcessInstanceByKey("filterFixture", Map.of("publisherId", "globex", "companyName", "Globex")).getId());
  }

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    identityService.clearAuthentication();
    repositoryService.deleteDeployment(deploymentId, true);
  }

  @Test
  void eachRoleReadsItsOwnFilters() {
    assertThat(filterNames("filters-reviewer")).containsExactlyInAnyOrder(TasklistFilters.APPLICATIONS_TO_REVIEW,
        TasklistFilters.OVERDUE);
    assertThat(filterNames("filters-manager")).containsExactlyInAnyOrder(TasklistFilters.CALLS_TO_MAKE,
        TasklistFilters.OVERDUE);
    assertThat(filterNames("filters-support")).containsExactlyInAnyOrder(TasklistFilters.SUBMISSIONS_TO_REVIEW,
        TasklistFilters.RELEASES_TO_SCHEDULE, TasklistFilters.PARTNER_IDS_TO_APPROVE, TasklistFilters.OVERDUE);
    assertThat(filterNames("filters-ops")).containsExactly(TasklistFilters.OVERDUE);
    assertThat(filterNames("filters-acme")).containsExactly(TasklistFilters.MY_TASKS);
  }

  @Test
  void eachFilterListsTheTasksOfItsRole() {
    assertThat(taskKeys("filters-reviewer", TasklistFilters.APPLICATIONS_TO_REVIEW))
        .containsExactly("reviewApplication", "reviewApplication");
    assertThat(taskKeys("filters-manager", TasklistFilters.CALLS_TO_MAKE)).containsExactly("callApplicant", "callApplicant");
    assertThat(taskKeys("filters-support", TasklistFilters.SUBMISSIONS_TO_REVIEW))
        .containsExactlyInAnyOrder("reviewSubmission", "reviewSubmission", "reviewImageSize", "reviewImageSize");
    assertThat(taskKeys("filters-support", TasklistFilters.RELEASES_TO_SCHEDULE))
        .containsExactly("scheduleRelease", "scheduleRelease");
  }

  @Test
  void aClaimedTaskStaysInItsRoleFilter() {
    String review = taskService.createTaskQuery().processInstanceIdIn(instances.toArray(String[]::new))
        .taskDefinitionKey("reviewApplication").listPage(0, 1).get(0).getId();
    taskService.claim(review, "filters-reviewer");

    assertThat(tasks("filters-reviewer", TasklistFilters.APPLICATIONS_TO_REVIEW)).extracting(Task::getId).contains(review);
  }

  @Test
  void myTasksShowsAPublisherItsOwnTasksAndNoOtherIsvs() {
    List<Task> acme = tasks("filters-acme", TasklistFilters.MY_TASKS);
    assertThat(acme).extracting(Task::getTaskDefinitionKey).containsExactly("activatePublishing");
    assertThat(runtimeService.getVariable(acme.get(0).getProcessInstanceId(), "publisherId")).isEqualTo("acme");
    assertThat(tasks("filters-globex", TasklistFilters.MY_TASKS)).extracting(Task::getProcessInstanceId)
        .doesNotContain(acme.get(0).getProcessInstanceId()).hasSize(1);
  }

  @Test
  void myTasksIsEachPublishersOwnAndKeepsAClaimedTask() {
    Filter acme = myTasks("filters-acme");
    Filter globex = myTasks("filters-globex");
    assertThat(acme.getId()).isNotEqualTo(globex.getId());
    assertThat(acme.getOwner()).isNull();
    assertThat(((TaskQueryImpl) acme.getQuery()).getCandidateGroup()).isEqualTo("isv-acme");
    assertThat(filterNames("filters-reviewer")).doesNotContain(TasklistFilters.MY_TASKS);

    String activation = tasks("filters-acme", TasklistFilters.MY_TASKS).get(0).getId();
    taskService.claim(activation, "filters-acme");
    assertThat(tasks("filters-acme", TasklistFilters.MY_TASKS)).extracting(Task::getId).containsExactly(activation);
  }

  @Test
  void overTasklistsApiAPublisherListsItsOwnFilterOnlyAndCannotChangeIt() {
    TasklistClient acme = TasklistClient.webapp(http, "filters-acme", PASSWORD);
    String acmeFilter = myTasks("filters-acme").getId();
    String globexFilter = myTasks("filters-globex").getId();
    String filterList = "/filter?resourceType=Task&itemCount=true&firstResult=0&maxResults=50";

    ResponseEntity<JsonNode> readable = acme.get(filterList);
    assertThat(readable.getStatusCode().value()).as("%s", readable.getBody()).isEqualTo(200);
    assertThat(readable.getBody().findValuesAsText("id")).containsExactly(acmeFilter);
    Map<String, Object> page = Map.of("sorting", List.of(Map.of("sortBy", "dueDate", "sortOrder", "asc")));
    ResponseEntity<JsonNode> listed = acme.call(HttpMethod.POST, "/filter/" + acmeFilter + "/list?firstResult=0&maxResults=15",
        page);
    assertThat(listed.getStatusCode().value()).as("%s", listed.getBody()).isEqualTo(200);
    assertThat(listed.getBody().findValuesAsText("taskDefinitionKey")).contains("activatePublishing");
    assertThat(listed.getBody().findValuesAsText("processInstanceId")).doesNotContain(instanceOf("globex"));

    assertThat(acme.get("/filter/" + globexFilter).getStatusCode().value()).isIn(403, 404);
    ResponseEntity<JsonNode> othersList = acme.call(HttpMethod.POST, "/filter/" + globexFilter
        + "/list?firstResult=0&maxResults=15", page);
    assertThat(othersList.getStatusCode().value()).isIn(403, 404);
    assertThat(String.valueOf(othersList.getBody())).doesNotContain(instanceOf("globex"));
    assertThat(acme.get("/filter/" + globexFilter + "/count").getStatusCode().value()).isIn(403, 404);
    String staffFilter = filter("filters-reviewer", TasklistFilters.APPLICATIONS_TO_REVIEW).getId();
    assertThat(acme.get("/filter/" + staffFilter).getStatusCode().value()).isIn(403, 404);

    Map<String, Object> widened = Map.of("resourceType", "Task", "name", TasklistFilters.MY_TASKS,
        "query", Map.of(), "properties", Map.of());
    assertThat(acme.call(HttpMethod.PUT, "/filter/" + acmeFilter, widened).getStatusCode().value()).isIn(403, 404);
    assertThat(acme.call(HttpMethod.DELETE, "/filter/" + acmeFilter, null).getStatusCode().value()).isIn(403, 404);
    assertThat(acme.call(HttpMethod.POST, "/filter/create", widened).getStatusCode().value()).isIn(403, 404);
    assertThat(((TaskQueryImpl) filterService.getFilter(acmeFilter).getQuery()).getCandidateGroup())
        .isEqualTo("isv-acme");
    assertThat(filterService.getFilter(globexFilter)).isNotNull();
    assertThat(authorizationService.isUserAuthorized("filters-acme", List.of(Groups.PUBLISHERS, "isv-acme"),
        Permissions.UPDATE, Resources.FILTER, acmeFilter)).isFalse();
  }

  @Test
  void aPublisherGetsOneMyTasksHoweverOftenItsAccountIsIssued() {
    assertThat(tasklistFilters.ensureMyTasks("isv-acme")).isFalse();
    assertThat(filterNames("filters-acme")).containsExactly(TasklistFilters.MY_TASKS);

    SubmittedApplication application = applications.submit(ApplicationFixtures.unique("my-tasks-issue@example.cn"));
    AccountService.Applicant applicant = new AccountService.Applicant(application.id(), "深圳示例软件有限公司", "张伟",
        "my-tasks-issue@example.cn", "zh-CN", application.processInstanceId());
    Map<String, Object> mailModel = Map.of("companyName", "深圳示例软件有限公司", "contactName", "张伟",
        "baseUrl", "http://localhost:8080");
    Publisher publisher = accounts.issue(applicant, mailModel);
    accounts.issue(applicant, mailModel);

    assertThat(myTasksGrants(publisher.group())).hasSize(1);
    Filter own = filterService.getFilter(myTasksGrants(publisher.group()).get(0));
    assertThat(own.getName()).isEqualTo(TasklistFilters.MY_TASKS);
    assertThat(((TaskQueryImpl) own.getQuery()).getCandidateGroup()).isEqualTo(publisher.group());
  }

  @Test
  void aStartWithTheOldSharedMyTasksGivesEveryPublisherItsOwnAndDeletesTheShared() {
    SubmittedApplication application = applications.submit(ApplicationFixtures.unique("my-tasks-move@example.cn"));
    Publisher earlier = accounts.issue(new AccountService.Applicant(application.id(), "深圳示例软件有限公司", "张伟",
        "my-tasks-move@example.cn", "zh-CN", application.processInstanceId()),
        Map.of("companyName", "深圳示例软件有限公司", "contactName", "张伟", "baseUrl", "http://localhost:8080"));
    // as an installation before filters per publisher: the publisher has none, all read the shared one
    tasklistFilters.delete(myTasksGrants(earlier.group()).get(0));
    Filter shared = filterService.newTaskFilter(TasklistFilters.MY_TASKS)
        .setQuery(taskService.createTaskQuery().orderByDueDate().asc()).setProperties(Map.of("priority", 1));
    filterService.saveFilter(shared);
    Authorization sharedGrant = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    sharedGrant.setGroupId(Groups.PUBLISHERS);
    sharedGrant.setResource(Resources.FILTER);
    sharedGrant.setResourceId(shared.getId());
    sharedGrant.addPermission(Permissions.READ);
    authorizationService.saveAuthorization(sharedGrant);
    assertThat(tasklistFilters.sharedMyTasks()).contains(shared.getId());

    publisherTaskLists.replaceSharedMyTasks();

    assertThat(filterService.getFilter(shared.getId())).isNull();
    assertThat(tasklistFilters.sharedMyTasks()).isEmpty();
    assertThat(authorizationService.createAuthorizationQuery().groupIdIn(Groups.PUBLISHERS)
        .resourceType(Resources.FILTER).count()).isZero();
    for (String publisherId : publishers.findAllIds()) {
      assertThat(myTasksGrants(Publisher.groupOf(publisherId))).as(publisherId).hasSize(1);
    }
    Filter own = filterService.getFilter(myTasksGrants(earlier.group()).get(0));
    assertThat(((TaskQueryImpl) own.getQuery()).getCandidateGroup()).isEqualTo(earlier.group());

    long filters = filterService.createFilterQuery().count();
    publisherTaskLists.replaceSharedMyTasks();
    assertThat(filterService.createFilterQuery().count()).isEqualTo(filters);
  }

  @Test
  void overdueListsTasksDueBeforeNowAndMovesWithTheClock() {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    dueAt("reviewApplication", now.minus(Duration.ofHours(1)));
    dueAt("callApplicant", now.plus(Duration.ofDays(2)));
    tasklistFilters.moveOverdueCutOffToNow();

    assertThat(taskKeys("filters-reviewer", TasklistFilters.OVERDUE)).containsExactly("reviewApplication", "reviewApplication");
    assertThat(taskKeys("filters-manager", TasklistFilters.OVERDUE)).isEmpty();
    assertThat(taskKeys("filters-ops", TasklistFilters.OVERDUE)).containsOnly("reviewApplication");

    ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofDays(3))));
    tasklistFilters.moveOverdueCutOffToNow();

    assertThat(taskKeys("filters-manager", TasklistFilters.OVERDUE)).containsExactly("callApplicant", "callApplicant");
    assertThat(taskKeys("filters-ops", TasklistFilters.OVERDUE)).containsOnly("reviewApplication", "callApplicant")
        .hasSize(4);
  }

  @Test
  void filtersCarryTheirColumnsColourPriorityAndDescription() {
    Map<String, Object> review = properties(TasklistFilters.APPLICATIONS_TO_REVIEW);
    assertThat(review).containsKeys("color", "priority", "description");
    assertThat(columnNames(review)).containsExactly("companyName", "unifiedSocialCreditCode", "registeredRegion",
        "contactName");
    assertThat(columnNames(properties(TasklistFilters.CALLS_TO_MAKE))).contains("contactName", "contactPhone");
    Map<String, Object> myTasks = myTasks("filters-acme").getProperties();
    assertThat(myTasks).containsEntry("color", "#555555").containsEntry("priority", 1).containsKey("description");
    assertThat(columnNames(myTasks)).containsExactly("companyName", "publisherId", "offerId");
  }

  @Test
  void staffReadTheColumnsOfTheApplicationsTheyWorkOnAndPublishersDoNot() {
    String application = applications.submit(ApplicationFixtures.unique("columns@example.cn")).processInstanceId();

    assertThat(companyNameAsSeenBy("filters-reviewer", application)).containsExactly("深圳示例软件有限公司");
    assertThat(companyNameAsSeenBy("filters-manager", application)).containsExactly("深圳示例软件有限公司");
    assertThat(companyNameAsSeenBy("filters-acme", application)).isEmpty();
  }

  @Test
  void startingAgainCreatesNoSecondFilter() {
    tasklistFilters.setUp();

    for (String name : List.of(TasklistFilters.APPLICATIONS_TO_REVIEW, TasklistFilters.CALLS_TO_MAKE,
        TasklistFilters.SUBMISSIONS_TO_REVIEW, TasklistFilters.RELEASES_TO_SCHEDULE,
        TasklistFilters.PARTNER_IDS_TO_APPROVE, TasklistFilters.OVERDUE)) {
      assertThat(filterService.createFilterQuery().filterName(name).count()).as(name).isEqualTo(1);
    }
    assertThat(filterService.createFilterQuery().filterName("All tasks").count()).isZero();
    assertThat(tasklistFilters.sharedMyTasks()).isEmpty();
    assertThat(filterNames("filters-acme")).containsExactly(TasklistFilters.MY_TASKS);
  }

  private static BpmnModelInstance fixture() {
    return Bpmn.createExecutableProcess("filterFixture").camundaHistoryTimeToLive(1)
        .startEvent().parallelGateway("fork")
        .userTask("reviewApplication").camundaCandidateGroups(Groups.REVIEWERS).endEvent()
        .moveToNode("fork").userTask("callApplicant").camundaCandidateGroups(Groups.ACCOUNT_MANAGERS).endEvent()
        .moveToNode("fork").userTask("reviewSubmission").camundaCandidateGroups(Groups.SUPPORT).endEvent()
        .moveToNode("fork").userTask("reviewImageSize").camundaCandidateGroups(Groups.SUPPORT).endEvent()
        .moveToNode("fork").userTask("scheduleRelease").camundaCandidateGroups(Groups.SUPPORT).endEvent()
        .moveToNode("fork").userTask("activatePublishing").camundaCandidateGroups("isv-${publisherId}").endEvent()
        .done();
  }

  private List<String> filterNames(String userId) {
    return as(userId, () -> filterService.createFilterQuery().listPage(0, 100).stream().map(Filter::getName).toList());
  }

  /** The user's one filter of that name, as Tasklist finds it: among those the user may read. */
  private Filter filter(String userId, String filterName) {
    return as(userId, () -> filterService.createFilterQuery().filterName(filterName).singleResult());
  }

  private Filter myTasks(String userId) {
    return filter(userId, TasklistFilters.MY_TASKS);
  }

  /** The ids of the "My tasks" filters the group is granted READ on. */
  private List<String> myTasksGrants(String group) {
    return authorizationService.createAuthorizationQuery().groupIdIn(group).resourceType(Resources.FILTER)
        .hasPermission(Permissions.READ).list().stream().map(Authorization::getResourceId)
        .filter(id -> TasklistFilters.MY_TASKS.equals(filterService.getFilter(id).getName())).toList();
  }

  private String instanceOf(String publisherId) {
    return instances.stream().filter(id -> publisherId.equals(runtimeService.getVariable(id, "publisherId")))
        .findFirst().orElseThrow();
  }

  /** The tasks a filter lists for the user, of this test's instances only (other tests share the engine). */
  private List<Task> tasks(String userId, String filterName) {
    String filterId = filter(userId, filterName).getId();
    List<Task> listed = as(userId, () -> filterService.<Task>listPage(filterId, 0, 500));
    return listed.stream().filter(task -> instances.contains(task.getProcessInstanceId())).toList();
  }

  private List<String> taskKeys(String userId, String filterName) {
    return tasks(userId, filterName).stream().map(Task::getTaskDefinitionKey).toList();
  }

  /** What Tasklist's column "companyName" shows the user: the REST API reads it with a variable query. */
  private List<Object> companyNameAsSeenBy(String userId, String processInstanceId) {
    return as(userId, () -> runtimeService.createVariableInstanceQuery().processInstanceIdIn(processInstanceId)
        .variableName("companyName").listPage(0, 10).stream().map(VariableInstance::getValue).toList());
  }

  private void dueAt(String taskKey, Instant due) {
    for (Task task : taskService.createTaskQuery().processInstanceIdIn(instances.toArray(String[]::new))
        .taskDefinitionKey(taskKey).list()) {
      task.setDueDate(Date.from(due));
      taskService.saveTask(task);
    }
  }

  private Map<String, Object> properties(String filterName) {
    return filterService.createFilterQuery().filterName(filterName).singleResult().getProperties();
  }

  @SuppressWarnings("unchecked")
  private static List<Object> columnNames(Map<String, Object> properties) {
    return ((List<Map<String, Object>>) properties.get("variables")).stream().map(column -> column.get("name")).toList();
  }

  private <T> T as(String userId, Supplier<T> action) {
    List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
        .map(org.camunda.bpm.engine.identity.Group::getId).toList();
    identityService.setAuthentication(userId, groups);
    try {
      return action.get();
    } finally {
      identityService.clearAuthentication();
    }
  }

  private void user(String id, String... groups) {
    StaffUsers.ensureInGroups(identityService, id, PASSWORD, groups);
  }
}
