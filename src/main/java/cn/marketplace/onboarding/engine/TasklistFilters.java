package cn.marketplace.onboarding.engine;

import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Resources.FILTER;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The Tasklist filters: the shared ones, one per role, created at start-up when missing (an
 * administrator's later changes to a filter are kept) and readable by the groups that work them; and
 * each publisher's own "My tasks", created with its account ({@link #ensureMyTasks}).
 *
 * <p>Stored queries may not hold expressions ({@code enableExpressionsInStoredQueries=false}), so
 * neither "due before ${now()}" nor "candidate groups ${currentUserGroups()}" is available:
 * <ul>
 *   <li>"Overdue" holds a plain due-before date that {@link #moveOverdueCutOffToNow()} moves to the
 *       engine's now every minute;
 *   <li>"My tasks" is one filter per publisher, naming the publisher's own {@code isv-<publisherId>}
 *       candidate group and readable by that group only.
 * </ul>
 * Each filter names its candidate group, and each staff filter its task keys too, so that the task
 * query ({@link AuthorizedTaskQueries}) checks the grants of the tasks of that group and stops after
 * the page, instead of checking the grants of every open task.
 */
@Component
public class TasklistFilters {

  // bilingual, like the forms: Tasklist shows a filter's name as it is stored, whatever the browser's language
  public static final String APPLICATIONS_TO_REVIEW = "待审核申请 / Applications to review";
  public static final String CALLS_TO_MAKE = "待致电 / Calls to make";
  public static final String SUBMISSIONS_TO_REVIEW = "待审核提交 / Submissions to review";
  public static final String RELEASES_TO_SCHEDULE = "待安排发布 / Releases to schedule";
  public static final String PARTNER_IDS_TO_APPROVE = "待批准的共用合作伙伴 ID / Shared partner IDs to approve";
  public static final String OVERDUE = "已逾期 / Overdue";
  public static final String MY_TASKS = "我的任务 / My tasks";

  private static final Logger log = LoggerFactory.getLogger(TasklistFilters.class);

  private final ClusterLock clusterLock;
  private final FilterService filterService;
  private final TaskService taskService;
  private final AuthorizationService authorizations;
  private final AuthorizationGrants grants;
  private final EngineClock clock;
  private final List<Definition> definitions;

  TasklistFilters(FilterService filterService, TaskService taskService, AuthorizationService authorizations,
      AuthorizationGrants grants, EngineClock clock, ClusterLock clusterLock) {
    this.filterService = filterService;
    this.taskService = taskService;
    this.authorizations = authorizations;
    this.grants = grants;
    this.clock = clock;
    this.clusterLock = clusterLock;
    this.definitions = List.of(
        new Definition(APPLICATIONS_TO_REVIEW, 1, "#1f78b4",
            "待审核的发布商申请 / Publisher applications waiting for a review decision",
            query -> query.taskCandidateGroup(Groups.REVIEWERS).taskDefinitionKey("reviewApplication")
                .includeAssignedTasks().orderByDueDate().asc(),
            List.of(Groups.REVIEWERS),
            columns("companyName", "公司名称 / Company", "unifiedSocialCreditCode", "信用代码 / Credit code",
                "registeredRegion", "注册地 / Region", "contactName", "联系人 / Contact")),
        new Definition(CALLS_TO_MAKE, 2, "#33a02c",
            "需要致电的已批准申请人 / Approved applicants to phone",
            query -> query.taskCandidateGroup(Groups.ACCOUNT_MANAGERS).taskDefinitionKey("callApplicant")
                .includeAssignedTasks().orderByDueDate().asc(),
            List.of(Groups.ACCOUNT_MANAGERS),
            columns("companyName", "公司名称 / Company", "contactName", "联系人 / Contact",
                "contactPhone", "电话 / Phone", "language", "语言 / Language")),
        new Definition(SUBMISSIONS_TO_REVIEW, 3, "#6a3d9a",
            "待审核的商品发布与镜像提交 / Offer releases and image submissions waiting for the support team's review",
            query -> query.taskCandidateGroup(Groups.SUPPORT).taskDefinitionKeyIn("reviewSubmission", "reviewImageSize")
                .includeAssignedTasks().orderByDueDate().asc(),
            List.of(Groups.SUPPORT),
            columns("publisherId", "发布商 / Publisher", "offerId", "商品 / Offer")),
        new Definition(RELEASES_TO_SCHEDULE, 4, "#ff7f00",
            "已验证预发布、等待安排正式发布时间 / Staged offers waiting for a production release time",
            query -> query.taskCandidateGroup(Groups.SUPPORT).taskDefinitionKey("scheduleRelease")
                .includeAssignedTasks().orderByDueDate().asc(),
            List.of(Groups.SUPPORT),
            columns("publisherId", "发布商 / Publisher", "offerId", "商品 / Offer",
                "preferredWindow", "期望时间 / Preferred window")),
        new Definition(PARTNER_IDS_TO_APPROVE, 5, "#b15928",
            "已被另一发布商使用的合作伙伴 ID，待支持团队批准 / Partner IDs already bound to another publisher (ACT-5)",
            query -> query.taskCandidateGroup(Groups.SUPPORT).taskDefinitionKey("approveSharedPartnerId")
                .includeAssignedTasks().orderByDueDate().asc(),
            List.of(Groups.SUPPORT),
            columns("companyName", "公司名称 / Company", "publisherId", "发布商 / Publisher",
                "credential", "合作伙伴 ID / Partner ID")),
        new Definition(OVERDUE, 50, "#e31a1c",
            "已过截止时间的任务（每分钟更新）/ Tasks past their due date (updated every minute)",
            query -> query.dueBefore(clock.nowAsDate()).orderByDueDate().asc(),
            List.of(Groups.REVIEWERS, Groups.ACCOUNT_MANAGERS, Groups.SUPPORT, Groups.OPERATIONS),
            columns("companyName", "公司名称 / Company", "publisherId", "发布商 / Publisher")));
  }

  /** The "My tasks" of one publisher's group: the tasks it is a candidate for, claimed ones too. */
  private static Definition myTasks(String publisherGroup) {
    return new Definition(MY_TASKS, 1, "#555555",
        "本发布商的所有待办任务 / Every task of your publisher account",
        query -> query.taskCandidateGroup(publisherGroup).includeAssignedTasks().orderByDueDate().asc(),
        List.of(publisherGroup),
        columns("companyName", "公司名称 / Company", "publisherId", "发布商 / Publisher",
            "offerId", "商品 / Offer"));
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(4)
  public void setUp() {
    clusterLock.runExclusively(ClusterLock.ENGINE_SETUP, this::createFiltersAndGrants);
    log.info("Tasklist filters are in place");
  }

  private void createFiltersAndGrants() {
    for (Definition definition : definitions) {
      Filter filter = find(definition.name());
      if (filter == null) {
        filter = renameEnglishOnly(definition.name());
      }
      if (filter == null) {
        filter = filterService.newTaskFilter(definition.name())
            .setQuery(definition.criteria().apply(taskService.createTaskQuery()))
            .setProperties(definition.properties());
        filterService.saveFilter(filter);
      }
      for (String group : definition.groups()) {
        grants.grantGroup(group, FILTER, filter.getId(), READ);
      }
    }
  }

  /**
   * Gives a publisher's group its own "My tasks", readable by that group only; without an owner,
   * whom the engine would grant every permission, the criteria included. Once: a group that reads a
   * "My tasks" filter already keeps it (an account issue may run again after a crash).
   *
   * @return whether the filter was created now
   */
  public boolean ensureMyTasks(String publisherGroup) {
    if (!filtersReadBy(publisherGroup, MY_TASKS).isEmpty()) {
      return false;
    }
    Definition definition = myTasks(publisherGroup);
    Filter filter = filterService.newTaskFilter(definition.name())
        .setQuery(definition.criteria().apply(taskService.createTaskQuery()))
        .setProperties(definition.properties());
    filterService.saveFilter(filter);
    grants.createGroupGrant(publisherGroup, FILTER, filter.getId(), READ);
    return true;
  }

  /**
   * The "My tasks" that all publishers read before each had its own (it had no criteria and relied on
   * their grants alone), while an installation still has it: one query when it is gone.
   */
  public Optional<String> sharedMyTasks() {
    return filtersReadBy(Groups.PUBLISHERS, MY_TASKS, english(MY_TASKS)).stream().findFirst();
  }

  /** Deletes a filter and the grants on it. */
  public void delete(String filterId) {
    filterService.deleteFilter(filterId);
  }

  /** The ids of the filters of these names that the group is granted READ on, by id. */
  private List<String> filtersReadBy(String group, String... names) {
    List<String> ids = authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
        .groupIdIn(group).resourceType(FILTER).hasPermission(READ).list().stream()
        .map(Authorization::getResourceId).sorted().toList();
    List<String> named = new ArrayList<>();
    for (String id : ids) {
      Filter filter = filterService.getFilter(id);
      if (filter != null && List.of(names).contains(filter.getName())) {
        named.add(id);
      }
    }
    return named;
  }

  /** Keeps "Overdue" meaning "due before now" without an expression in the stored query. */
  @Scheduled(fixedDelayString = "${onboarding.tasklist.overdue-refresh:PT1M}")
  public void moveOverdueCutOffToNow() {
    Filter overdue = find(OVERDUE);
    if (overdue != null) {
      TaskQuery query = overdue.getQuery();
      overdue.setQuery(query.dueBefore(clock.nowAsDate()));
      filterService.saveFilter(overdue);
    }
  }

  /** A filter made before the names were bilingual ("Calls to make") gets its new name, keeping its id and grants. */
  private Filter renameEnglishOnly(String name) {
    Filter filter = find(english(name));
    if (filter != null) {
      filterService.saveFilter(filter.setName(name));
    }
    return filter;
  }

  /** The first filter of that name by id: an administrator may have made another one like it. */
  private Filter find(String name) {
    return filterService.createFilterQuery().filterName(name).orderByFilterId().asc().listPage(0, 1)
        .stream().findFirst().orElse(null);
  }

  private static String english(String bilingualName) {
    return bilingualName.substring(bilingualName.indexOf(" / ") + 3);
  }

  private static List<Map<String, String>> columns(String... nameLabelPairs) {
    List<Map<String, String>> columns = new ArrayList<>();
    for (int i = 0; i < nameLabelPairs.length; i += 2) {
      columns.add(Map.of("name", nameLabelPairs[i], "label", nameLabelPairs[i + 1]));
    }
    return columns;
  }

  private record Definition(String name, int priority, String color, String description,
      UnaryOperator<TaskQuery> criteria, List<String> groups, List<Map<String, String>> variables) {

    /**
     * The properties Tasklist reads: its colour, its place in the list (lowest first, and the first is
     * opened), its tooltip and its variable columns.
     */
    Map<String, Object> properties() {
      Map<String, Object> properties = new LinkedHashMap<>();
      properties.put("color", color);
      properties.put("priority", priority);
      properties.put("description", description);
      properties.put("refresh", true);
      properties.put("variables", variables);
      return properties;
    }
  }
}
