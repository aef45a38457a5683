package cn.marketplace.onboarding.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Items 4 and 6 on one database: the packaged product started idle on an empty database, then the backlog
 * seeded in this JVM, then the packaged product started again on it with the heap the README gives it
 * ({@link #heap}), its staff lists measured over HTTP, and its memory read before and after. With the
 * footprint, each start is measured three times: {@code java -jar} on the packaged jar, {@code java -jar}
 * on the jar that {@code bin/build-cds-archive} extracts (classes read from plain jars, not from jars
 * nested in one), and with that script's class data sharing archive (README, "Faster still"), which then
 * serves the staff lists. With the staff lists, the same backlog is seeded again with each publisher a
 * Camunda tenant (what multi-tenancy would cost, next to today's authorizations), and the same lists asked
 * of the product started on it.
 */
final class StaffListsAndFootprint {

  static final String FOOTPRINT = "6 footprint";

  /**
   * The product's heap, as the README sizes it: on H2 the database runs in the product's JVM, and at
   * 100,000 open tasks its rows and pages keep 220-270 MiB alive, which a 256 MiB heap spends its
   * time collecting (full collections between the lists' requests); PostgreSQL keeps them in its own.
   */
  static String heap(BenchSettings settings) {
    return settings.postgres() ? "256m" : "1g";
  }

  private StaffListsAndFootprint() {}

  static void measure(BenchSettings settings, Report report) throws Exception {
    Path work = settings.output().resolve("footprint");
    String heap = heap(settings);
    List<ProductJvm.Launch> launches = List.of(ProductJvm.Launch.plainJar());
    if (settings.runs("footprint")) {
      ProductJvm.Launch appCds = ProductJvm.Launch.appCds(work.resolve("app"));
      launches = List.of(ProductJvm.Launch.plainJar(), ProductJvm.Launch.extractedJar(work.resolve("app")), appCds);
      for (ProductJvm.Launch launch : launches) {
        try (ProductJvm idle = ProductJvm.start(settings, BenchDatabase.freshFile(settings, "idle", work), heap,
            work.resolve("idle"), launch)) {
          footprint(report, idle, launch, "empty database", heap);
        }
      }
    }
    Map<String, Double> lists = onBacklog(settings, report, work, "backlog", settings.backlogTasks(),
        settings.backlogPublishers(), launches);
    if (settings.largeBacklogTasks() > 0) {
      Map<String, Double> large = onBacklog(settings, report, work, "backlog_large", settings.largeBacklogTasks(),
          settings.largeBacklogPublishers(), launches);
      report.table(sideBySide(settings, lists, large));
    }
    if (settings.runs("staffLists") && settings.runs("tenants")) {
      withTenants(settings, report, work);
    }
  }

  /**
   * A backlog of {@code tasks} over {@code publishers} seeded, the product started on it (each launch
   * for the footprint), its staff lists asked; returns each list's p95.
   */
  private static Map<String, Double> onBacklog(BenchSettings settings, Report report, Path work, String name, int tasks,
      int publishers, List<ProductJvm.Launch> launches) throws Exception {
    BenchDatabase backlog = BenchDatabase.freshFile(settings, name, work);
    try (ConfigurableApplicationContext seeding = BenchContexts.start(backlog, List.of(), Map.of())) {
      double seconds = Backlog.seed(seeding, publishers, tasks);
      report.add(Figure.single(StaffLists.SECTION, "seeding: open tasks per second", "1/s", tasks / seconds, null,
          tasks + " tasks over " + publishers + " publishers in " + Report.number(seconds) + " s, batches of 100"));
    }
    String open = tasks + " open tasks";
    String heap = heap(settings);
    for (ProductJvm.Launch launch : launches.subList(0, launches.size() - 1)) {
      try (ProductJvm product = ProductJvm.start(settings, backlog, heap, work.resolve(name), launch)) {
        footprint(report, product, launch, open, heap);
      }
    }
    // the staff lists ask the product started as the README says (AppCDS when the footprint is measured)
    ProductJvm.Launch last = launches.get(launches.size() - 1);
    try (ProductJvm product = ProductJvm.start(settings, backlog, heap, work.resolve(name), last)) {
      if (settings.runs("footprint")) {
        footprint(report, product, last, open, heap);
      }
      Map<String, Double> p95 = new StaffLists(product.baseUrl()).measure(settings, report,
          open + " over " + publishers + " publishers, -Xmx" + heap, "", publishers);
      if (settings.runs("footprint")) {
        report.add(Figure.single(FOOTPRINT, "live heap after the staff lists, " + open, "MiB", product.liveHeapMiB(),
            "runs in -Xmx" + heap, null));
      }
      return p95;
    }
  }

  /** Each list's p95 at both backlog sizes, one row per list, so the growth shows. */
  private static String sideBySide(BenchSettings settings, Map<String, Double> small, Map<String, Double> large) {
    StringBuilder table = new StringBuilder("Staff lists, p95 (ms), target < 50 ms, " + (settings.postgres()
        ? "PostgreSQL" : "H2") + ":\n\n| list | " + settings.backlogTasks() + " open tasks, " + settings.backlogPublishers()
        + " publishers | " + settings.largeBacklogTasks() + " open tasks, " + settings.largeBacklogPublishers()
        + " publishers | growth |\n|---|--:|--:|--:|\n");
    small.forEach((list, p95) -> {
      Double grown = large.get(list);
      table.append("| ").append(list).append(" | ").append(Report.number(p95)).append(" | ")
          .append(grown == null ? "" : Report.number(grown)).append(" | ")
          .append(grown == null ? "" : Report.number(grown / p95) + "x").append(" |\n");
    });
    return table.toString();
  }

  /** The staff lists on the same backlog with each publisher a tenant: ISVs in one tenant, staff in all. */
  private static void withTenants(BenchSettings settings, Report report, Path work) throws Exception {
    BenchDatabase backlog = BenchDatabase.freshFile(settings, "tenants", work);
    try (ConfigurableApplicationContext seeding = BenchContexts.start(backlog, List.of(), Map.of())) {
      double seconds = Backlog.seed(seeding, settings.backlogPublishers(), settings.backlogTasks(), true);
      report.add(Figure.single(StaffLists.SECTION, "seeding with tenants: open tasks per second", "1/s",
          settings.backlogTasks() / seconds, null, settings.backlogTasks() + " tasks over "
              + settings.backlogPublishers() + " publishers and tenants in " + Report.number(seconds) + " s"));
    }
    String heap = heap(settings);
    try (ProductJvm product = ProductJvm.start(settings, backlog, heap, work.resolve("tenants"),
        ProductJvm.Launch.plainJar())) {
      new StaffLists(product.baseUrl()).measure(settings, report, settings.backlogTasks() + " open tasks, -Xmx" + heap
          + ", java -jar", ", with tenants (ISV in 1, staff in " + settings.backlogPublishers() + ")",
          settings.backlogPublishers());
    }
  }

  private static void footprint(Report report, ProductJvm product, ProductJvm.Launch launch, String state, String heap)
      throws Exception {
    String how = " (" + launch.label() + "), " + state;
    report.add(Figure.single(FOOTPRINT, "start to healthy" + how, "s", product.secondsToHealthy(),
        "< 10 s", "-Xmx" + heap));
    report.add(Figure.single(FOOTPRINT, "CPU time to healthy" + how, "s", product.cpuSecondsToHealthy(),
        null, "user + system, all threads"));
    report.add(Figure.single(FOOTPRINT, "live heap after start" + how, "MiB", product.liveHeapMiB(),
        "runs in -Xmx" + heap, "after a full GC"));
    report.add(Figure.single(FOOTPRINT, "resident memory (RSS) after start" + how, "MiB", product.residentMiB(),
        null, null));
  }
}
