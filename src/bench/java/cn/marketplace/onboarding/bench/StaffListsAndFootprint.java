package cn.marketplace.onboarding.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Items 4 and 6 on one database: the packaged product started idle on an empty database, then the
 * backlog seeded in this JVM, then the packaged product started again on it with a 256 MB heap, its
 * staff lists measured over HTTP, and its memory read before and after. With the footprint, each start
 * is measured twice: {@code java -jar} on the packaged jar, and with the class data sharing archive of
 * {@code bin/build-cds-archive} (the README's run command), which then serves the staff lists. With the
 * staff lists, the same backlog is seeded again with each publisher a Camunda tenant (what multi-tenancy
 * would cost, next to today's authorizations), and the same lists asked of the product started on it.
 */
final class StaffListsAndFootprint {

  static final String FOOTPRINT = "6 footprint";
  static final String HEAP = "256m";

  private StaffListsAndFootprint() {}

  static void measure(BenchSettings settings, Report report) throws Exception {
    Path work = settings.output().resolve("footprint");
    List<ProductJvm.Launch> launches = List.of(ProductJvm.Launch.plainJar());
    if (settings.runs("footprint")) {
      launches = List.of(ProductJvm.Launch.plainJar(), ProductJvm.Launch.appCds(work.resolve("app")));
      for (ProductJvm.Launch launch : launches) {
        try (ProductJvm idle = ProductJvm.start(settings, BenchDatabase.freshFile(settings, "idle", work), HEAP,
            work.resolve("idle"), launch)) {
          footprint(report, idle, launch, "empty database");
        }
      }
    }
    BenchDatabase backlog = BenchDatabase.freshFile(settings, "backlog", work);
    try (ConfigurableApplicationContext seeding = BenchContexts.start(backlog, List.of(), Map.of())) {
      double seconds = Backlog.seed(seeding, settings.backlogPublishers(), settings.backlogTasks());
      report.add(Figure.single(StaffLists.SECTION, "seeding: open tasks per second", "1/s",
          settings.backlogTasks() / seconds, null, settings.backlogTasks() + " tasks over "
              + settings.backlogPublishers() + " publishers in " + Report.number(seconds) + " s, batches of 100"));
    }
    String open = settings.backlogTasks() + " open tasks";
    for (ProductJvm.Launch launch : launches.subList(0, launches.size() - 1)) {
      try (ProductJvm product = ProductJvm.start(settings, backlog, HEAP, work.resolve("backlog"), launch)) {
        footprint(report, product, launch, open);
      }
    }
    // the staff lists ask the product started as the README says (AppCDS when the footprint is measured)
    ProductJvm.Launch last = launches.get(launches.size() - 1);
    try (ProductJvm product = ProductJvm.start(settings, backlog, HEAP, work.resolve("backlog"), last)) {
      if (settings.runs("footprint")) {
        footprint(report, product, last, open);
      }
      new StaffLists(product.baseUrl()).measure(settings, report, open + ", -Xmx" + HEAP);
      if (settings.runs("footprint")) {
        report.add(Figure.single(FOOTPRINT, "live heap after the staff lists, " + open, "MiB", product.liveHeapMiB(),
            "runs in -Xmx" + HEAP, null));
      }
    }
    if (settings.runs("staffLists")) {
      withTenants(settings, report, work);
    }
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
    try (ProductJvm product = ProductJvm.start(settings, backlog, HEAP, work.resolve("tenants"),
        ProductJvm.Launch.plainJar())) {
      new StaffLists(product.baseUrl()).measure(settings, report, settings.backlogTasks() + " open tasks, -Xmx" + HEAP
          + ", java -jar", ", with tenants (ISV in 1, staff in " + settings.backlogPublishers() + ")");
    }
  }

  private static void footprint(Report report, ProductJvm product, ProductJvm.Launch launch, String state)
      throws Exception {
    String how = " (" + launch.label() + "), " + state;
    report.add(Figure.single(FOOTPRINT, "start to healthy" + how, "s", product.secondsToHealthy(),
        "< 10 s", "-Xmx" + HEAP));
    report.add(Figure.single(FOOTPRINT, "CPU time to healthy" + how, "s", product.cpuSecondsToHealthy(),
        null, "user + system, all threads"));
    report.add(Figure.single(FOOTPRINT, "live heap after start" + how, "MiB", product.liveHeapMiB(),
        "runs in -Xmx" + HEAP, "after a full GC"));
    report.add(Figure.single(FOOTPRINT, "resident memory (RSS) after start" + how, "MiB", product.residentMiB(),
        null, null));
  }
}
