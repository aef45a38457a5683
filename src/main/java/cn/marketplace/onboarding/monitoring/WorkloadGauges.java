package cn.marketplace.onboarding.monitoring;

import cn.marketplace.onboarding.engine.EngineClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What is waiting, for the whole cluster: open and overdue user tasks per task, incidents per
 * process, running instances per process. Read with three grouped queries on the engine's runtime
 * tables every {@code onboarding.metrics.refresh}, never per scrape; every node reports the same
 * values, so dashboards take the max over nodes.
 */
@Component
class WorkloadGauges {

  private static final String TASKS = """
      select d.KEY_ as process, t.TASK_DEF_KEY_ as task, count(*) as open_tasks,
             sum(case when t.DUE_DATE_ < ? then 1 else 0 end) as overdue_tasks
      from ACT_RU_TASK t join ACT_RE_PROCDEF d on d.ID_ = t.PROC_DEF_ID_
      group by d.KEY_, t.TASK_DEF_KEY_""";
  private static final String INCIDENTS = """
      select d.KEY_ as process, i.INCIDENT_TYPE_ as type, count(*) as incidents
      from ACT_RU_INCIDENT i join ACT_RE_PROCDEF d on d.ID_ = i.PROC_DEF_ID_
      group by d.KEY_, i.INCIDENT_TYPE_""";
  private static final String RUNNING = """
      select d.KEY_ as process, count(*) as instances
      from ACT_RU_EXECUTION e join ACT_RE_PROCDEF d on d.ID_ = e.PROC_DEF_ID_
      where e.ID_ = e.PROC_INST_ID_
      group by d.KEY_""";

  private final JdbcTemplate jdbc;
  private final EngineClock clock;
  private final MultiGauge openTasks;
  private final MultiGauge overdueTasks;
  private final MultiGauge incidents;
  private final MultiGauge runningInstances;

  WorkloadGauges(JdbcTemplate jdbc, EngineClock clock, MeterRegistry registry) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.openTasks = MultiGauge.builder("onboarding.tasks.open").description("Open user tasks").register(registry);
    this.overdueTasks = MultiGauge.builder("onboarding.tasks.overdue")
        .description("Open user tasks past their due date").register(registry);
    this.incidents = MultiGauge.builder("onboarding.incidents.open")
        .description("Open incidents (jobs out of retries and other failures)").register(registry);
    this.runningInstances = MultiGauge.builder("onboarding.process.instances.running")
        .description("Process instances not yet ended").register(registry);
  }

  /**
   * First one period after start: the grouped counts read every open task, work that grows with the
   * backlog and that a starting node, busy with its own start, should not do at the same time.
   */
  @Scheduled(fixedDelayString = "${onboarding.metrics.refresh:PT30S}",
      initialDelayString = "${onboarding.metrics.refresh:PT30S}")
  void refresh() {
    List<TaskCount> tasks = jdbc.query(TASKS, (row, i) -> new TaskCount(Tags.of("process", row.getString("process"),
        "task", row.getString("task")), row.getLong("open_tasks"), row.getLong("overdue_tasks")),
        Timestamp.from(clock.now()));
    openTasks.register(tasks.stream().map(t -> MultiGauge.Row.of(t.tags(), t.open())).toList(), true);
    overdueTasks.register(tasks.stream().map(t -> MultiGauge.Row.of(t.tags(), t.overdue())).toList(), true);
    incidents.register(jdbc.query(INCIDENTS, (row, i) -> MultiGauge.Row.of(Tags.of("process", row.getString("process"),
        "type", row.getString("type")), row.getLong("incidents"))), true);
    runningInstances.register(jdbc.query(RUNNING, (row, i) -> MultiGauge.Row.of(Tags.of("process",
        row.getString("process")), row.getLong("instances"))), true);
  }

  private record TaskCount(Tags tags, long open, long overdue) {}
}
