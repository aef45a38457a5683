package cn.marketplace.onboarding.bench;

import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.engine.TasklistFilters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Item 4's lists with the engine's task statements and with ours ({@code engine/AuthorizedTaskQueries}),
 * on the same backlog in the same JVM, alternating request by request: what the authorization check's
 * form costs, apart from HTTP and JSON, and robust on a busy machine because both see the same load.
 * Each pair of answers must list the same tasks in the same order, or the run fails.
 */
final class TaskQueryStatements {

  static final String SECTION = "4 staff lists, engine SQL vs ours";
  private static final String[] REPLACED = {"selectTaskByQueryCriteria", "selectTaskCountByQueryCriteria"};

  private TaskQueryStatements() {}

  /**
   * On a fresh backlog, or on the backlog at {@code -Dbench.statements.url} that an earlier run seeded: a
   * PostgreSQL database as it is, or an H2 file, copied into a fresh PostgreSQL database first when the
   * run is on PostgreSQL.
   */
  static void measure(BenchSettings settings, Report report) throws Exception {
    String seeded = System.getProperty("bench.statements.url", "");
    boolean seededOnPostgres = seeded.startsWith("jdbc:postgresql:");
    BenchDatabase backlog = seededOnPostgres
        ? new BenchDatabase(seeded, settings.postgresUser(), settings.postgresPassword())
        : seeded.isEmpty() || settings.postgres() ? BenchDatabase.fresh(settings, "statements")
        : new BenchDatabase(seeded, "sa", "");
    if (!seeded.isEmpty() && !seededOnPostgres && settings.postgres()) {
      long started = System.nanoTime();
      long rows = BacklogCopy.copy(new BenchDatabase(seeded, "sa", ""), backlog);
      double seconds = (System.nanoTime() - started) / 1e9;
      report.add(Figure.single(SECTION, "H2 backlog copied into PostgreSQL: rows per second", "1/s", rows / seconds,
          null, rows + " rows in " + Report.number(seconds) + " s"));
    }
    try (ConfigurableApplicationContext context = BenchContexts.start(backlog, List.of(), Map.of())) {
      if (!seeded.isEmpty()) {
        compare(settings, report, context, "the backlog at " + seeded + ", Java API, first page of 15");
        return;
      }
      double seconds = Backlog.seed(context, settings.backlogPublishers(), settings.backlogTasks());
      report.add(Figure.single(SECTION, "seeding: open tasks per second", "1/s", settings.backlogTasks() / seconds,
          null, settings.backlogTasks() + " tasks over " + settings.backlogPublishers() + " publishers"));
      compare(settings, report, context, settings.backlogTasks() + " open tasks, Java API, first page of 15");
    }
  }

  static void compare(BenchSettings settings, Report report, ConfigurableApplicationContext context, String note) {
    ProcessEngine engine = context.getBean(ProcessEngine.class);
    TaskService tasks = engine.getTaskService();
    FilterService filters = engine.getFilterService();
    IdentityService identity = engine.getIdentityService();
    DbSqlSessionFactory statements =
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDbSqlSessionFactory();
    Map<String, String> ours = statements.getStatementMappings();
    Map<String, String> enginesOnly = new HashMap<>(ours);
    for (String statement : REPLACED) {
      enginesOnly.remove(statement);
    }
    int publishers = settings.backlogPublishers();

    Map<String, IntFunction<Supplier<List<Task>>>> lists = new LinkedHashMap<>();
    for (Actor staff : List.of(Actor.REVIEWER, Actor.SUPPORT, Actor.ACCOUNT_MANAGER)) {
      lists.put(staff.groups().get(0) + ": candidate group, by due date", i -> as(identity, staff,
          () -> tasks.createTaskQuery().taskCandidateGroup(staff.groups().get(0)).orderByDueDate().asc().listPage(0, 15)));
    }
    lists.put("ISV: own candidate group, by due date", i -> {
      Actor isv = Actor.isv(Backlog.publisherId((i * 37) % publishers));
      return as(identity, isv, () -> tasks.createTaskQuery().taskCandidateGroup(isv.groups().get(1)).orderByDueDate()
          .asc().listPage(0, 15));
    });
    Map<String, Actor> filterUsers = new LinkedHashMap<>();
    filterUsers.put(TasklistFilters.APPLICATIONS_TO_REVIEW, Actor.REVIEWER);
    filterUsers.put(TasklistFilters.CALLS_TO_MAKE, Actor.ACCOUNT_MANAGER);
    filterUsers.put(TasklistFilters.SUBMISSIONS_TO_REVIEW, Actor.SUPPORT);
    filterUsers.put(TasklistFilters.RELEASES_TO_SCHEDULE, Actor.SUPPORT);
    filterUsers.put(TasklistFilters.PARTNER_IDS_TO_APPROVE, Actor.SUPPORT);
    filterUsers.put(TasklistFilters.OVERDUE, Actor.REVIEWER);
    filterUsers.forEach((name, user) -> {
      String id = filters.createFilterQuery().filterName(name).orderByFilterId().asc().listPage(0, 1).get(0).getId();
      lists.put(user.groups().get(0) + ": \"" + name.substring(name.indexOf(" / ") + 3) + "\" filter",
          i -> as(identity, user, () -> filters.listPage(id, 0, 15)));
    });
    // each ISV's own "My tasks", found before the timed lists as Tasklist finds it: the one the ISV may read
    TasklistFilters tasklistFilters = context.getBean(TasklistFilters.class);
    Map<String, String> myTasks = new HashMap<>();
    for (int i = 0; i < settings.queries(); i++) {
      Actor isv = Actor.isv(Backlog.publisherId((i * 37) % publishers));
      myTasks.computeIfAbsent(isv.userId(), id -> ownMyTasks(filters, identity, tasklistFilters, isv));
    }
    lists.put("ISV: \"My tasks\" filter", i -> {
      Actor isv = Actor.isv(Backlog.publisherId((i * 37) % publishers));
      String myTasksId = myTasks.get(isv.userId());
      return as(identity, isv, () -> filters.listPage(myTasksId, 0, 15));
    });

    lists.forEach((name, list) -> {
      Samples engineSql = new Samples();
      Samples ourSql = new Samples();
      for (int i = -5; i < settings.queries(); i++) {
        boolean engineFirst = i % 2 == 0;
        statements.setStatementMappings(engineFirst ? enginesOnly : ours);
        long started = System.nanoTime();
        List<Task> first = list.apply(Math.max(i, 0)).get();
        double firstMs = (System.nanoTime() - started) / 1e6;
        statements.setStatementMappings(engineFirst ? ours : enginesOnly);
        started = System.nanoTime();
        List<Task> second = list.apply(Math.max(i, 0)).get();
        double secondMs = (System.nanoTime() - started) / 1e6;
        statements.setStatementMappings(ours);
        if (!samePage(first, second)) {
          throw new IllegalStateException(name + ": the engine's statement and ours listed different tasks: "
              + ids(first) + " / " + ids(second));
        }
        if (i >= 0) {
          (engineFirst ? engineSql : ourSql).add(firstMs);
          (engineFirst ? ourSql : engineSql).add(secondMs);
        }
      }
      String load = ", load average " + Report.Machine.loadAverage().split(" ")[0];
      report.add(Figure.latency(SECTION, name + ", engine SQL", engineSql, null, note + load));
      report.add(Figure.latency(SECTION, name + ", ours (EXISTS)", ourSql, "p95 < 50 ms", note + load));
    });
  }

  /**
   * The ISV's own "My tasks", the one filter of that name it may read; given to it first, as the account
   * issue does, on a backlog seeded before publishers had their own (an earlier run's, reused).
   */
  private static String ownMyTasks(FilterService filters, IdentityService identity, TasklistFilters tasklistFilters,
      Actor isv) {
    tasklistFilters.ensureMyTasks(isv.groups().get(1));
    List<org.camunda.bpm.engine.filter.Filter> own = isv.act(identity,
        () -> filters.createFilterQuery().filterName(TasklistFilters.MY_TASKS).listPage(0, 2));
    if (own.size() != 1) {
      throw new IllegalStateException(isv.userId() + " reads " + own.size() + " \"My tasks\" filters, not its own one");
    }
    return own.get(0).getId();
  }

  /**
   * The same due dates in the same order, and the same tasks before the page's last due date: tasks
   * seeded in one batch share a due date, and the database may order those ties either way.
   */
  private static boolean samePage(List<Task> first, List<Task> second) {
    if (!first.stream().map(Task::getDueDate).toList().equals(second.stream().map(Task::getDueDate).toList())) {
      return false;
    }
    if (first.isEmpty()) {
      return true;
    }
    java.util.Date last = first.get(first.size() - 1).getDueDate();
    java.util.function.Function<List<Task>, java.util.Set<String>> beforeLast = page -> page.stream()
        .filter(task -> last == null || (task.getDueDate() != null && task.getDueDate().before(last)))
        .map(Task::getId).collect(java.util.stream.Collectors.toSet());
    return beforeLast.apply(first).equals(beforeLast.apply(second));
  }

  private static List<String> ids(List<Task> tasks) {
    List<String> ids = new ArrayList<>();
    tasks.forEach(task -> ids.add(task.getId()));
    return ids;
  }

  private static <T> Supplier<T> as(IdentityService identity, Actor actor, Supplier<T> work) {
    return () -> actor.act(identity, work);
  }
}
