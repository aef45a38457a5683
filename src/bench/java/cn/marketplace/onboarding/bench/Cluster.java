package cn.marketplace.onboarding.bench;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import cn.marketplace.onboarding.testsupport.Azurite;
import cn.marketplace.onboarding.testsupport.SampleVmServer;
import cn.marketplace.onboarding.testsupport.TestKeys;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.management.Metrics;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Item 5, a cluster on one PostgreSQL database: the product lifecycles of item 1
 * ({@link Lifecycles#product}, the outside world answered in process; or item 2's through the real
 * local services with {@code -Dbench.cluster.workload=endToEnd}) fed to one node, then to two nodes
 * at once, with the job executor on in each node, so that a job goes to whichever node locks it
 * first. The two nodes are two Spring contexts in this JVM, each with its own engine, job executor,
 * connection pool and name in the job log: what they share and compete for is the database, which is
 * what this measures; two JVMs on these 2 cores would add a second JIT and heap competing for the
 * same CPU and say less about the database. One node and two alternate (the second node's job
 * executor is stopped for the one-node runs), swapping who goes first, and the same number of driver
 * threads feeds both configurations.
 */
final class Cluster {

  static final String SECTION = "5 cluster";
  private static final List<String> NODES = List.of("node-1", "node-2");

  private Cluster() {}

  static void measure(BenchSettings settings, Report report) throws Exception {
    if (!settings.postgres()) {
      report.note("5 cluster: skipped, it needs PostgreSQL (-Dbench.database=postgres): two nodes share one database "
          + "server, which H2 in memory is not");
      return;
    }
    BenchDatabase database = BenchDatabase.fresh(settings, "cluster");
    int driversPerNode = settings.clusterDrivers();
    int lifecycles = settings.clusterLifecycles();
    int jobThreads = settings.endToEndJobThreads();
    String setting = settings.clusterWorkload() + "; job executor core " + jobThreads + ", max " + 2 * jobThreads + ", idle wait "
        + settings.endToEndJobWaitMillis() + " ms per node; " + 2 * driversPerNode + " driver threads in all";
    System.out.println("Cluster: " + lifecycles + " lifecycles x " + settings.clusterRepetitions() + " repetitions, " + setting);
    boolean endToEnd = settings.clusterWorkload().equals("endToEnd");
    try (SampleVmServer vm = endToEnd ? SampleVmServer.start(TestKeys.ed25519()).serve("ubuntu-22.04-good") : null;
        ConfigurableApplicationContext first = node(database, settings, NODES.get(0), endToEnd);
        ConfigurableApplicationContext second = node(database, settings, NODES.get(1), endToEnd)) {
      List<Feed> one = List.of(feed(first, vm));
      List<Feed> two = List.of(one.get(0), feed(second, vm));
      JobExecutor secondExecutor = jobExecutorOf(second);
      ExecutorService pool = Executors.newFixedThreadPool(2 * driversPerNode);
      try {
        secondExecutor.shutdown();
        run(pool, one, Math.max(4, lifecycles / 4));
        secondExecutor.start();
        run(pool, two, Math.max(4, lifecycles / 4));

        Samples oneRate = new Samples();
        Samples twoRate = new Samples();
        Samples ratio = new Samples();
        TwoNodeTally tally = new TwoNodeTally(new JdbcTemplate(first.getBean(DataSource.class)), first, second);
        for (int repetition = 0; repetition < settings.clusterRepetitions(); repetition++) {
          double onePerSecond = 0;
          double twoPerSecond = 0;
          for (int turn = 0; turn < 2; turn++) {
            if ((turn == 0) == (repetition % 2 == 0)) {
              secondExecutor.shutdown();
              onePerSecond = run(pool, one, lifecycles);
            } else {
              secondExecutor.start();
              twoPerSecond = tally.during(() -> run(pool, two, lifecycles));
            }
          }
          oneRate.add(onePerSecond);
          twoRate.add(twoPerSecond);
          ratio.add(twoPerSecond / onePerSecond);
        }
        String size = lifecycles + " lifecycles per run, PostgreSQL; " + setting;
        report.add(Figure.of(SECTION, "one node: lifecycles/s, job executor on", "1/s", oneRate, null, size));
        report.add(Figure.of(SECTION, "two nodes, fed from both: lifecycles/s", "1/s", twoRate, null, size));
        report.add(Figure.of(SECTION, "ratio two nodes / one node", "", ratio, ">= 0.9", "per repetition, same 2 cores"));
        tally.addTo(report);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /** What each node did while both ran: jobs executed (and of them, created on the other node), conflicts, failures. */
  private static final class TwoNodeTally {

    private final JdbcTemplate jdbc;
    private final ConfigurableApplicationContext[] nodes;
    private final Map<String, Long> executed = new TreeMap<>();
    private final Map<String, Long> createdElsewhere = new TreeMap<>();
    private final Map<String, Long> failed = new TreeMap<>();
    private final Map<String, Map<String, Long>> metrics = new TreeMap<>();

    TwoNodeTally(JdbcTemplate jdbc, ConfigurableApplicationContext... nodes) {
      this.jdbc = jdbc;
      this.nodes = nodes;
    }

    interface Run {
      double run() throws Exception;
    }

    double during(Run run) throws Exception {
      Map<String, Map<String, Long>> before = meters(nodes);
      Timestamp from = new Timestamp(System.currentTimeMillis());
      double result = run.run();
      Timestamp to = new Timestamp(System.currentTimeMillis() + 1);
      jobLog(from, to);
      meters(nodes).forEach((node, values) -> values.forEach((name, value) -> metrics
          .computeIfAbsent(node, n -> new TreeMap<>()).merge(name, value - before.get(node).get(name), Long::sum)));
      return result;
    }

    private void jobLog(Timestamp from, Timestamp to) {
      jdbc.query("select s.HOSTNAME_, c.HOSTNAME_, count(*) from ACT_HI_JOB_LOG s"
          + " left join ACT_HI_JOB_LOG c on c.JOB_ID_ = s.JOB_ID_ and c.JOB_STATE_ = 0"
          + " where s.JOB_STATE_ = 2 and s.TIMESTAMP_ >= ? and s.TIMESTAMP_ < ? group by s.HOSTNAME_, c.HOSTNAME_",
          rs -> {
            String node = rs.getString(1);
            executed.merge(node, rs.getLong(3), Long::sum);
            if (rs.getString(2) != null && !node.equals(rs.getString(2))) {
              createdElsewhere.merge(node, rs.getLong(3), Long::sum);
            }
          }, from, to);
      jdbc.query("select HOSTNAME_, count(*) from ACT_HI_JOB_LOG where JOB_STATE_ = 1 and TIMESTAMP_ >= ?"
          + " and TIMESTAMP_ < ? group by HOSTNAME_", rs -> {
            failed.merge(rs.getString(1), rs.getLong(2), Long::sum);
          }, from, to);
    }

    void addTo(Report report) {
      long all = executed.values().stream().mapToLong(Long::longValue).sum();
      for (String node : NODES) {
        long jobs = executed.getOrDefault(node, 0L);
        Map<String, Long> meters = metrics.getOrDefault(node, Map.of());
        report.add(Figure.single(SECTION, node + ": jobs executed in the two-node runs", "", jobs, null,
            String.format(Locale.ROOT, "%.0f %% of %d (ACT_HI_JOB_LOG.HOSTNAME_); created by the other node: %d; "
                + "taken by acquisition: %d, the rest ran on as the instance's next exclusive job in the same thread",
                100.0 * jobs / Math.max(1, all), all, createdElsewhere.getOrDefault(node, 0L),
                meters.getOrDefault(Metrics.JOB_ACQUIRED_SUCCESS, 0L))));
        report.add(Figure.single(SECTION, node + ": jobs it could not lock, another node had", "",
            meters.getOrDefault(Metrics.JOB_ACQUIRED_FAILURE, 0L), null, "optimistic locking failures at acquisition "
                + "(engine metric " + Metrics.JOB_ACQUIRED_FAILURE + "), in "
                + meters.getOrDefault(Metrics.JOB_ACQUISITION_ATTEMPT, 0L) + " acquisitions"));
        report.add(Figure.single(SECTION, node + ": job executions that failed", "", failed.getOrDefault(node, 0L),
            null, "ACT_HI_JOB_LOG failures, optimistic locking included; engine metric job-failed "
                + meters.getOrDefault(Metrics.JOB_FAILED, 0L)));
      }
    }
  }

  /** One lifecycle through one node, as its driver threads run them. */
  private interface Feed {
    void lifecycle() throws Exception;
  }

  /**
   * Item 1's lifecycles ({@link Lifecycles#product}), or with {@code -Dbench.cluster.workload=endToEnd}
   * item 2's through the real local services (the ISV's VHD upload to Azurite included).
   */
  private static Feed feed(ConfigurableApplicationContext node, SampleVmServer vm) {
    if (vm == null) {
      Lifecycles lifecycles = Lifecycles.product(node);
      return lifecycles::run;
    }
    EndToEnd.Driver driver = new EndToEnd.Driver(node, vm, Azurite.instance());
    return () -> driver.lifecycle(driver.uploadVhds(1).get(0));
  }

  private static ConfigurableApplicationContext node(BenchDatabase database, BenchSettings settings, String name,
      boolean endToEnd) {
    int jobThreads = settings.endToEndJobThreads();
    Map<String, Object> properties = new HashMap<>(EndToEnd.jobExecutor(jobThreads, settings.endToEndJobWaitMillis()));
    properties.put("spring.datasource.hikari.maximum-pool-size", 2 * jobThreads + 2 * settings.clusterDrivers() + 4);
    // this node's name in the job log; its metrics stay in memory, read before and after each run
    properties.put("camunda.bpm.generic-properties.properties.hostname", name);
    properties.put("camunda.bpm.generic-properties.properties.dbMetricsReporterActivate", false);
    if (endToEnd) {
      properties.putAll(EndToEnd.realServices());
    }
    return BenchContexts.start(database, endToEnd ? List.of() : List.of("bench"), properties);
  }

  /** Runs {@code count} lifecycles spread over the nodes' driver threads; returns lifecycles per second. */
  private static double run(ExecutorService pool, List<Feed> nodes, int count) throws Exception {
    List<Future<?>> running = new ArrayList<>();
    long started = System.nanoTime();
    for (int i = 0; i < count; i++) {
      Feed node = nodes.get(i % nodes.size());
      running.add(pool.submit(() -> {
        node.lifecycle();
        return null;
      }));
    }
    for (Future<?> lifecycle : running) {
      lifecycle.get();
    }
    return count / ((System.nanoTime() - started) / 1e9);
  }

  /** The job executor's metrics of each node, counted in memory since it started. */
  private static Map<String, Map<String, Long>> meters(ConfigurableApplicationContext... nodes) {
    Map<String, Map<String, Long>> meters = new TreeMap<>();
    for (ConfigurableApplicationContext node : nodes) {
      ProcessEngineConfigurationImpl configuration = configurationOf(node);
      Map<String, Long> values = new TreeMap<>();
      for (String name : List.of(Metrics.JOB_ACQUIRED_FAILURE, Metrics.JOB_ACQUIRED_SUCCESS,
          Metrics.JOB_ACQUISITION_ATTEMPT, Metrics.JOB_FAILED, Metrics.JOB_SUCCESSFUL, Metrics.JOB_LOCKED_EXCLUSIVE)) {
        var meter = configuration.getMetricsRegistry().getDbMeterByName(name);
        values.put(name, meter == null ? 0L : meter.get());
      }
      meters.put(configuration.getHostname(), values);
    }
    return meters;
  }

  private static JobExecutor jobExecutorOf(ConfigurableApplicationContext node) {
    return configurationOf(node).getJobExecutor();
  }

  private static ProcessEngineConfigurationImpl configurationOf(ConfigurableApplicationContext node) {
    return (ProcessEngineConfigurationImpl) node.getBean(ProcessEngine.class).getProcessEngineConfiguration();
  }
}
