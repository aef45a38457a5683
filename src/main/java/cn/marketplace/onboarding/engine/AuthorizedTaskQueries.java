package cn.marketplace.onboarding.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.Direction;
import org.camunda.bpm.engine.impl.QueryOrderingProperty;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.TaskQueryProperty;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * The engine's task query with its authorization check as an {@code EXISTS} per task, and its candidate
 * links too where each task can then match only once, without {@code DISTINCT}
 * ({@code AuthorizedTaskQueries.xml}): on H2 for every task list (Tasklist's filters and candidate-group
 * lists, the REST API, our own queries), on PostgreSQL for the lists by candidate. PostgreSQL keeps the
 * engine's statement for the others: it starts an ISV's list without a candidate (its plain task list)
 * from the ISV's grants, which the {@code EXISTS} form would turn into a probe per open task.
 *
 * <p>Camunda 7.24 joins a task query with the user's grants on
 * {@code AUTH.RESOURCE_ID_ IN (RES.ID_, D.KEY_, '*')} and with the candidate links, then needs
 * {@code select distinct … order by … limit}: the database finds, checks and sorts every task the list
 * matches before it can return the first page. Ours are routed in through the engine's table of
 * database variants ({@link EngineMappers#replaceStatements}); {@code AuthorizedTaskQueriesTest} fails
 * when an engine upgrade changes what we copied. The engine's statements we replace are all in this
 * package, with a test each: these, the filter query ({@link AuthorizedFilterQueries}), Cockpit's
 * ({@link AuthorizedCockpitQueries}), the instance history ({@link AuthorizedHistoryQueries}), the variables
 * Tasklist shows ({@link AuthorizedVariableQueries}) and the caller's groups ({@link AuthorizedGroups}).
 */
@Component
public class AuthorizedTaskQueries extends AbstractProcessEnginePlugin {

  static final String MAPPER = "cn/marketplace/onboarding/engine/AuthorizedTaskQueries.xml";
  static final String NAMESPACE = "cn.marketplace.onboarding.engine.AuthorizedTaskQueries";
  /** Our indexes on the open tasks (db/engine/V1, V2) that a list on H2 may name. */
  static final String TASK_KEY_INDEX = "OB_IDX_TASK_DEF_KEY_DUE";
  static final String DUE_DATE_INDEX = "OB_IDX_TASK_DUE_DATE";
  /** Per database, the engine's statements and ours, which replace them. */
  static final Map<String, Map<String, String>> REPLACED = Map.of(
      "h2", Map.of(
          "selectTaskByQueryCriteria", NAMESPACE + ".selectAuthorizedTaskByQueryCriteria",
          "selectTaskCountByQueryCriteria", NAMESPACE + ".selectAuthorizedTaskCountByQueryCriteria"),
      "postgres", Map.of(
          "selectTaskByQueryCriteria", NAMESPACE + ".selectCandidateTaskByQueryCriteria",
          "selectTaskCountByQueryCriteria", NAMESPACE + ".selectCandidateTaskCountByQueryCriteria"));

  /**
   * Whether every task can match the query at most once with the candidate links checked by
   * {@code EXISTS}: not when a criterion looks at one candidate link for two conditions (an involved
   * user), nor when the page is ordered by a joined variable.
   */
  public static boolean eachTaskOnce(TaskQueryImpl query) {
    return query.getQueries().stream().allMatch(each -> each.getInvolvedUser() == null)
        && query.getOrderingProperties().stream().allMatch(ordering -> ordering.getRelation() == null);
  }

  /** Whether the query lists tasks by their candidate user or groups, and each task can match once. */
  public static boolean listsByCandidate(TaskQueryImpl query) {
    return eachTaskOnce(query) && query.getQueries().stream().anyMatch(each -> each.getCandidateUser() != null
        || each.getCandidateGroup() != null || each.getCandidateGroupsInternal() != null
        || each.getCandidateGroupLike() != null);
  }

  /**
   * Whether the query's candidates are publishers' groups only: a publisher has a few tasks among all,
   * so the database should start from its group's links, where for a role's group (a third of all
   * tasks) it walks the tasks in the page's order and stops after the page. H2 takes the form as written.
   */
  public static boolean publishersOnly(TaskQueryImpl query) {
    List<String> groups = new ArrayList<>();
    if (query.getCandidateGroup() != null) {
      groups.add(query.getCandidateGroup());
    }
    if (query.getCandidateGroupsInternal() != null) {
      groups.addAll(query.getCandidateGroupsInternal());
    }
    return query.getCandidateUser() == null && query.getCandidateGroupLike() == null && !groups.isEmpty()
        && groups.stream().allMatch(group -> group.startsWith(Groups.PUBLISHER_PREFIX));
  }

  /**
   * The index H2 should read a list's tasks from, or null to let H2 choose: the task-key index when the
   * list names task keys, the due-date index when it asks for tasks due before a time ("Overdue"). H2 rates
   * every equality on a column of five values alike, so it chose the engine's tenant index
   * ({@code TENANT_ID_ IS NULL}, true of every task) and read every open task for a count, even of a key
   * without tasks. Only where {@link #mayNameAnIndexOnH2}.
   */
  public static String h2TaskIndex(TaskQueryImpl query) {
    if (!mayNameAnIndexOnH2(query)) {
      return null;
    }
    if (query.getKey() != null || names(query.getTaskDefinitionKeys())) {
      return TASK_KEY_INDEX;
    }
    return query.getDueBefore() != null ? DUE_DATE_INDEX : null;
  }

  /**
   * The index H2 should read a page of tasks from: {@link #h2TaskIndex}'s, and for a page of a staff
   * group's tasks by due date, ascending, the due-date index, walked in the page's order until the page is
   * full (a role's group holds a share of all tasks, spread over the due dates). H2 otherwise started from
   * the assignee index ({@code ASSIGNEE_ IS NULL}, true of every unclaimed task) and sorted every match for
   * the page: 1-2 s for the reviewers' first 15 at 100,000 open tasks, 18 ms walking the due dates.
   */
  public static String h2PageIndex(TaskQueryImpl query) {
    String index = h2TaskIndex(query);
    if (index != null || !mayNameAnIndexOnH2(query) || !listsByCandidate(query)
        || query.getMaxResults() == Integer.MAX_VALUE) {
      return index;
    }
    return firstByDueDateAscending(query) ? DUE_DATE_INDEX : null;
  }

  /**
   * Not a publisher's list, which starts from its group's links, nor a query that names its instances,
   * executions, tasks or assignee, which H2 finds through their own indexes.
   */
  private static boolean mayNameAnIndexOnH2(TaskQueryImpl query) {
    return query.getQueries().size() == 1 && !publishersOnly(query) && !namesItsTasksOtherwise(query);
  }

  /** Ordered by due date first, ascending: the order H2 reads the due-date index in. */
  private static boolean firstByDueDateAscending(TaskQueryImpl query) {
    if (query.getOrderingProperties().isEmpty()) {
      return false;
    }
    QueryOrderingProperty first = query.getOrderingProperties().get(0);
    return TaskQueryProperty.DUE_DATE.equals(first.getQueryProperty()) && first.getRelation() == null
        && Direction.ASCENDING.equals(first.getDirection());
  }

  private static boolean namesItsTasksOtherwise(TaskQueryImpl query) {
    return query.getTaskId() != null || names(query.getTaskIdIn()) || query.getProcessInstanceId() != null
        || names(query.getProcessInstanceIdIn()) || query.getExecutionId() != null
        || names(query.getActivityInstanceIdIn()) || query.getProcessInstanceBusinessKey() != null
        || names(query.getProcessInstanceBusinessKeys()) || query.getCaseInstanceId() != null
        || query.getCaseExecutionId() != null || query.getParentTaskId() != null || query.getAssignee() != null
        || query.getOwner() != null;
  }

  /** A stored filter's query holds an empty list where it names none (the engine's statement then ignores it). */
  private static boolean names(Object[] values) {
    return values != null && values.length > 0;
  }

  /** Whether every task the query can match has the one task key it names (no "or" query may name another). */
  public static boolean oneTaskKey(TaskQueryImpl query) {
    return query.getQueries().size() == 1 && query.getKey() != null;
  }

  /**
   * The task keys of a paged list that names several and no single one, each once, when its page is read
   * per key on H2 (each key's first rows in the key's index order, then the page of their union);
   * otherwise none.
   */
  public static List<String> pagedTaskKeys(TaskQueryImpl query) {
    String[] keys = query.getTaskDefinitionKeys();
    if (query.getQueries().size() != 1 || query.getKey() != null || keys == null
        || query.getMaxResults() == Integer.MAX_VALUE) {
      return List.of();
    }
    List<String> distinct = Arrays.stream(keys).distinct().toList();
    return distinct.size() > 1 ? distinct : List.of();
  }

  /** How many rows of each key the page of {@link #pagedTaskKeys} can need: those before the page and the page. */
  public static long rowsPerTaskKey(TaskQueryImpl query) {
    return (long) query.getFirstResult() + query.getMaxResults();
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl engine) {
    EngineMappers.replaceStatements(engine, MAPPER, REPLACED, Set.of());
  }
}
