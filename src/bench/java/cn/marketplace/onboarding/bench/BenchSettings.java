package cn.marketplace.onboarding.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one run measures and how much, from system properties ({@code -Dbench.*} on the Maven command
 * line). The defaults are the size BENCHMARKS.md reports; small values check that everything works.
 *
 * @param database {@code h2} (in memory) or {@code postgres} (a fresh database on {@code postgresUrl}'s server)
 * @param lifecycles complete lifecycles per repetition (item 1, 5)
 * @param repetitions measured repetitions of each figure, after one warm-up
 * @param backlogTasks open tasks seeded for the staff lists (item 4) and the footprint (item 6)
 * @param backlogPublishers publishers the backlog is spread over
 * @param queries requests per staff list and repetition (item 4)
 * @param only the items to run (all when empty): lifecycles, endToEnd, feedback, staffLists, cluster, footprint
 */
record BenchSettings(String database, int lifecycles, int repetitions, int backlogTasks, int backlogPublishers,
    int queries, Set<String> only, String postgresUrl, String postgresUser, String postgresPassword, Path output) {

  static BenchSettings fromSystemProperties() {
    String database = System.getProperty("bench.database", "h2");
    if (!database.equals("h2") && !database.equals("postgres")) {
      throw new IllegalArgumentException("bench.database is h2 or postgres, not " + database);
    }
    return new BenchSettings(database, integer("bench.lifecycles", 100), integer("bench.repetitions", 5),
        integer("bench.backlog.tasks", 10_000), integer("bench.backlog.publishers", 1_000),
        integer("bench.queries", 100),
        Arrays.stream(System.getProperty("bench.only", "").split(",")).map(String::trim).filter(s -> !s.isEmpty())
            .collect(Collectors.toSet()),
        System.getProperty("bench.postgres.url", "jdbc:postgresql://127.0.0.1:5432/postgres"),
        System.getProperty("bench.postgres.user", "postgres"),
        givenPostgresPassword(),
        Path.of(System.getProperty("bench.output", "target/bench")));
  }

  /**
   * Item 4 and 6 at a second, larger backlog (0: not measured), its lists printed next to the first's:
   * {@code bench.backlog.large.tasks} open tasks over {@code bench.backlog.large.publishers} publishers.
   */
  int largeBacklogTasks() {
    return integer("bench.backlog.large.tasks", 0);
  }

  int largeBacklogPublishers() {
    return integer("bench.backlog.large.publishers", 10_000);
  }

  /** Item 2: lifecycles per repetition, driven by {@link #endToEndDrivers} threads at once. */
  int endToEndLifecycles() {
    return integer("bench.endToEnd.lifecycles", 12);
  }

  int endToEndRepetitions() {
    return integer("bench.endToEnd.repetitions", 3);
  }

  int endToEndDrivers() {
    return integer("bench.endToEnd.drivers", 4);
  }

  /** Item 2: the job executor's core threads (max, queue and jobs per acquisition twice that). */
  int endToEndJobThreads() {
    return integer("bench.endToEnd.jobThreads", 4);
  }

  /** Item 2 and 5: how long an idle job executor waits before it looks for due jobs again. */
  long endToEndJobWaitMillis() {
    return integer("bench.endToEnd.jobWaitMillis", 500);
  }

  /** Item 5: lifecycles per repetition and configuration (one node, two nodes). */
  int clusterLifecycles() {
    return integer("bench.cluster.lifecycles", 20);
  }

  int clusterRepetitions() {
    return integer("bench.cluster.repetitions", 3);
  }

  /** Item 5: {@code lifecycles} (item 1's, outside world in process) or {@code endToEnd} (item 2's, real services). */
  String clusterWorkload() {
    String workload = System.getProperty("bench.cluster.workload", "lifecycles");
    if (!workload.equals("lifecycles") && !workload.equals("endToEnd")) {
      throw new IllegalArgumentException("bench.cluster.workload is lifecycles or endToEnd, not " + workload);
    }
    return workload;
  }

  /** Item 5: driver threads per node. */
  int clusterDrivers() {
    return integer("bench.cluster.drivers", 2);
  }

  boolean postgres() {
    return database.equals("postgres");
  }

  boolean runs(String item) {
    return only.isEmpty() || only.contains(item);
  }

  Map<String, Object> describe() {
    Map<String, Object> described = new LinkedHashMap<>();
    described.put("database", database);
    described.put("lifecycles", lifecycles);
    described.put("repetitions", repetitions);
    described.put("backlogTasks", backlogTasks);
    described.put("backlogPublishers", backlogPublishers);
    described.put("queriesPerList", queries);
    described.put("largeBacklogTasks", largeBacklogTasks());
    described.put("largeBacklogPublishers", largeBacklogPublishers());
    described.put("endToEnd", Map.of("lifecycles", endToEndLifecycles(), "repetitions", endToEndRepetitions(),
        "drivers", endToEndDrivers(), "jobThreads", endToEndJobThreads(), "jobWaitMillis", endToEndJobWaitMillis()));
    described.put("cluster", Map.of("lifecycles", clusterLifecycles(), "repetitions", clusterRepetitions(),
        "driversPerNode", clusterDrivers(),
        "workload", clusterWorkload()));
    described.put("only", only.isEmpty() ? "all" : only);
    return described;
  }

  /** From -Dbench.postgres.password, else PGPASSWORD (Maven passes an unset one as its own placeholder). */
  private static String givenPostgresPassword() {
    String given = System.getProperty("bench.postgres.password", "");
    return given.isEmpty() || given.startsWith("${") ? System.getenv().getOrDefault("PGPASSWORD", "") : given;
  }

  private static int integer(String name, int defaultValue) {
    return Integer.parseInt(System.getProperty(name, String.valueOf(defaultValue)));
  }
}
