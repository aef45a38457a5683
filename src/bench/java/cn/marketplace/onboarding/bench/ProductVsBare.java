package cn.marketplace.onboarding.bench;

import cn.marketplace.onboarding.engine.AuthorizationGrants;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Item 1, the product's own cost: N complete lifecycles through the product and N through the bare
 * twins, in one engine and one thread at a time, the outside world answered in process (profile {@code bench}).
 * Product and bare take turns, and swap who goes first, so that a machine that gets busier or a
 * database that grows weighs on both alike. The ratio is taken per repetition.
 */
final class ProductVsBare {

  static final String SECTION = "1 own cost";

  private ProductVsBare() {}

  static void measure(BenchSettings settings, Report report, String databaseLabel) {
    try (ConfigurableApplicationContext context = BenchContexts.start(BenchDatabase.fresh(settings, "lifecycles"),
        List.of("bench"), Map.of())) {
      ProcessEngine engine = context.getBean(ProcessEngine.class);
      report.historyLevel(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getHistoryLevel()
          .getName());
      List<String> twins = BareTwins.deploy(engine, settings.output().resolve("bare"));
      BareTwins.grantAsOnProduct(engine.getAuthorizationService(), context.getBean(AuthorizationGrants.class), twins);
      Lifecycles product = Lifecycles.product(context);
      Lifecycles bare = Lifecycles.bare(context);
      run(bare, Math.max(5, settings.lifecycles() / 2), null);
      run(product, Math.max(5, settings.lifecycles() / 2), null);

      Samples productRate = new Samples();
      Samples bareRate = new Samples();
      Samples ratio = new Samples();
      StageTimes productStages = new StageTimes();
      StageTimes bareStages = new StageTimes();
      for (int repetition = 0; repetition < settings.repetitions(); repetition++) {
        double productPerSecond;
        double barePerSecond;
        if (repetition % 2 == 0) {
          productPerSecond = run(product, settings.lifecycles(), productStages);
          barePerSecond = run(bare, settings.lifecycles(), bareStages);
        } else {
          barePerSecond = run(bare, settings.lifecycles(), bareStages);
          productPerSecond = run(product, settings.lifecycles(), productStages);
        }
        productRate.add(productPerSecond);
        bareRate.add(barePerSecond);
        ratio.add(productPerSecond / barePerSecond);
      }
      String size = settings.lifecycles() + " lifecycles, 1 thread, " + databaseLabel;
      report.add(Figure.of(SECTION, "product: lifecycles/s (onboarding, image certification, offer release)", "1/s",
          productRate, null, size));
      report.add(Figure.of(SECTION, "bare twins: lifecycles/s", "1/s", bareRate, null, size));
      report.add(Figure.of(SECTION, "ratio product / bare", "", ratio, ">= 0.8", "per repetition"));
      for (Lifecycles.Stage stage : Lifecycles.Stage.values()) {
        report.add(Figure.of(SECTION, "product: ms per " + stageName(stage), "ms", productStages.of(stage), null, null));
        report.add(Figure.of(SECTION, "bare: ms per " + stageName(stage), "ms", bareStages.of(stage), null, null));
      }
      Optional<StatementCount> statements = StatementCount.on(context.getBean(DataSource.class), settings.postgres());
      if (statements.isPresent()) {
        countStatements(statements.get(), product, bare, report, settings.output());
      } else {
        System.out.println("  1 own cost: SQL statements not counted: the PostgreSQL server does not load"
            + " pg_stat_statements (shared_preload_libraries), or the benchmark's user may not create it");
      }
    }
  }

  static String stageName(Lifecycles.Stage stage) {
    return switch (stage) {
      case ONBOARDING -> "onboarding";
      case CERTIFICATION -> "image certification";
      case RELEASE -> "offer release";
    };
  }

  /** SQL statements per lifecycle and per stage, product and bare: what the product adds, whatever the machine's load. */
  private static void countStatements(StatementCount statements, Lifecycles product, Lifecycles bare,
      Report report, Path output) {
    int lifecycles = 10;
    long[] productStages = new long[Lifecycles.Stage.values().length];
    long[] bareStages = new long[Lifecycles.Stage.values().length];
    double productStatements = (double) statements.of(() -> run(product, lifecycles, statements, productStages))
        / lifecycles;
    writeStatements(output.resolve("statements-product.tsv"), statements.byStatement(), lifecycles);
    double bareStatements = (double) statements.of(() -> run(bare, lifecycles, statements, bareStages)) / lifecycles;
    writeStatements(output.resolve("statements-bare.tsv"), statements.byStatement(), lifecycles);
    report.add(Figure.single(SECTION, "product: SQL statements per lifecycle", "", productStatements, null,
        statements.source() + " over " + lifecycles + " lifecycles; each SQL in statements-*.tsv"));
    report.add(Figure.single(SECTION, "bare: SQL statements per lifecycle", "", bareStatements, null, null));
    for (Lifecycles.Stage stage : Lifecycles.Stage.values()) {
      report.add(Figure.single(SECTION, "product: SQL statements per " + stageName(stage), "",
          (double) productStages[stage.ordinal()] / lifecycles, null, null));
      report.add(Figure.single(SECTION, "bare: SQL statements per " + stageName(stage), "",
          (double) bareStages[stage.ordinal()] / lifecycles, null, null));
    }
  }

  /** Executions per lifecycle and SQL text, most frequent first: where the statements of {@code count} lifecycles went. */
  private static void writeStatements(Path file, Map<String, Long> byStatement, int count) {
    List<String> lines = new ArrayList<>();
    lines.add("per lifecycle\tSQL");
    byStatement.forEach((sql, executions) -> lines.add(String.format(Locale.ROOT, "%.1f\t%s", (double) executions / count,
        sql.replaceAll("\\s+", " "))));
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code count} lifecycles inside {@link StatementCount#of}, adding each stage's statements to {@code perStage}. */
  private static void run(Lifecycles lifecycles, int count, StatementCount statements, long[] perStage) {
    onFlavourThread(lifecycles, () -> {
      long[] before = {statements.executedSoFar()};
      for (int i = 0; i < count; i++) {
        lifecycles.run(stage -> {
          long now = statements.executedSoFar();
          perStage[stage.ordinal()] += now - before[0];
          before[0] = now;
        });
      }
      return null;
    });
  }

  /**
   * Runs {@code count} lifecycles; returns lifecycles per second and adds the mean stage times to {@code stages}.
   * They run one after another on a thread of their own named after the flavour ({@code lifecycles-product},
   * {@code lifecycles-bare}), so that a profile of the benchmark (JFR) tells the two apart.
   */
  static double run(Lifecycles lifecycles, int count, StageTimes stages) {
    return onFlavourThread(lifecycles, () -> runHere(lifecycles, count, stages));
  }

  private static <T> T onFlavourThread(Lifecycles lifecycles, Callable<T> work) {
    FutureTask<T> task = new FutureTask<>(work);
    Thread thread = new Thread(task, "lifecycles-" + lifecycles.flavour());
    thread.start();
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the " + lifecycles.flavour() + " lifecycles ran", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static double runHere(Lifecycles lifecycles, int count, StageTimes stages) {
    long[] took = new long[Lifecycles.Stage.values().length];
    long started = System.nanoTime();
    for (int i = 0; i < count; i++) {
      Lifecycles.Took one = lifecycles.run();
      took[Lifecycles.Stage.ONBOARDING.ordinal()] += one.onboarding();
      took[Lifecycles.Stage.CERTIFICATION.ordinal()] += one.certification();
      took[Lifecycles.Stage.RELEASE.ordinal()] += one.release();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    if (stages != null) {
      for (Lifecycles.Stage stage : Lifecycles.Stage.values()) {
        stages.of(stage).add(took[stage.ordinal()] / 1e6 / count);
      }
    }
    return count / seconds;
  }

  /** Mean milliseconds per stage, one sample per repetition. */
  static final class StageTimes {
    private final Map<Lifecycles.Stage, Samples> stages = new EnumMap<>(Lifecycles.Stage.class);

    StageTimes() {
      for (Lifecycles.Stage stage : Lifecycles.Stage.values()) {
        stages.put(stage, new Samples());
      }
    }

    Samples of(Lifecycles.Stage stage) {
      return stages.get(stage);
    }
  }
}
