package cn.marketplace.onboarding.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Items 4 and 6 on one database: the packaged product started idle on an empty database, then the
 * backlog seeded in this JVM, then the packaged product started again on it with a 256 MB heap, its
 * staff lists measured over HTTP, and its memory read before and after.
 */
final class StaffListsAndFootprint {

  static final String FOOTPRINT = "6 footprint";
  static final String HEAP = "256m";

  private StaffListsAndFootprint() {}

  static void measure(BenchSettings settings, Report report) throws Exception {
    Path work = settings.output().resolve("footprint");
    if (settings.runs("footprint")) {
      try (ProductJvm idle = ProductJvm.start(settings, BenchDatabase.freshFile(settings, "idle", work), HEAP,
          work.resolve("idle"))) {
        footprint(report, idle, "empty database");
      }
    }
    BenchDatabase backlog = BenchDatabase.freshFile(settings, "backlog", work);
    try (ConfigurableApplicationContext seeding = BenchContexts.start(backlog, List.of(), Map.of())) {
      double seconds = Backlog.seed(seeding, settings.backlogPublishers(), settings.backlogTasks());
      report.add(Figure.single(StaffLists.SECTION, "seeding: open tasks per second", "1/s",
          settings.backlogTasks() / seconds, null, settings.backlogTasks() + " tasks over "
              + settings.backlogPublishers() + " publishers in " + Report.number(seconds) + " s, batches of 100"));
    }
    try (ProductJvm product = ProductJvm.start(settings, backlog, HEAP, work.resolve("backlog"))) {
      String open = settings.backlogTasks() + " open tasks";
      if (settings.runs("footprint")) {
        footprint(report, product, open);
      }
      new StaffLists(product.baseUrl()).measure(settings, report, open + ", -Xmx" + HEAP);
      if (settings.runs("footprint")) {
        report.add(Figure.single(FOOTPRINT, "live heap after the staff lists, " + open, "MiB", product.liveHeapMiB(),
            "runs in -Xmx" + HEAP, null));
      }
    }
  }

  private static void footprint(Report report, ProductJvm product, String state) throws Exception {
    report.add(Figure.single(FOOTPRINT, "start to healthy (java -jar), " + state, "s", product.secondsToHealthy(),
        "< 10 s", "-Xmx" + HEAP));
    report.add(Figure.single(FOOTPRINT, "live heap after start, " + state, "MiB", product.liveHeapMiB(),
        "runs in -Xmx" + HEAP, "after a full GC"));
    report.add(Figure.single(FOOTPRINT, "resident memory (RSS) after start, " + state, "MiB", product.residentMiB(),
        null, null));
  }
}
