package cn.marketplace.onboarding.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every figure of one benchmark run with the machine it ran on, written as {@code report.md} (the
 * table) and {@code report.json} (every figure and every sample).
 */
final class Report {

  private final Map<String, Object> run = new LinkedHashMap<>();
  private final List<Figure> figures = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final List<String> tables = new ArrayList<>();

  Report(BenchSettings settings) {
    run.put("started", Instant.now().toString());
    run.put("machine", Machine.describe());
    run.put("loadAverageAtStart", Machine.loadAverage());
    run.put("settings", settings.describe());
    run.put("historyLevel", "full (as configured; read from the engine when lifecycles run)");
  }

  void database(String product, String version) {
    run.put("database", product + " " + version);
  }

  void historyLevel(String historyLevel) {
    run.put("historyLevel", historyLevel);
  }

  synchronized void add(Figure figure) {
    figures.add(figure);
    System.out.println("  " + line(figure));
  }

  synchronized void note(String note) {
    notes.add(note);
    System.out.println("  note: " + note);
  }

  /** A table of its own under the figures (markdown), such as the staff lists at two backlog sizes. */
  synchronized void table(String markdown) {
    tables.add(markdown);
    System.out.println(markdown);
  }

  void write(Path directory) {
    run.put("finished", Instant.now().toString());
    run.put("loadAverageAtEnd", Machine.loadAverage());
    try {
      Files.createDirectories(directory);
      Map<String, Object> json = new LinkedHashMap<>(run);
      json.put("figures", figures);
      json.put("notes", notes);
      json.put("tables", tables);
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(directory.resolve("report.json").toFile(),
          json);
      Files.writeString(directory.resolve("report.md"), markdown());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String markdown() {
    StringBuilder md = new StringBuilder("# Benchmark report\n\n");
    run.forEach((key, value) -> md.append("- ").append(key).append(": ").append(value).append('\n'));
    md.append("\n| section | figure | median | min | max | p95 | unit | n | target | note |\n")
        .append("|---|---|--:|--:|--:|--:|---|--:|---|---|\n");
    for (Figure f : figures) {
      md.append("| ").append(f.section()).append(" | ").append(f.name()).append(" | ").append(number(f.median()))
          .append(" | ").append(number(f.min())).append(" | ").append(number(f.max())).append(" | ")
          .append(f.p95() == null ? "" : number(f.p95())).append(" | ").append(f.unit()).append(" | ")
          .append(f.repetitions()).append(" | ").append(nullToEmpty(f.target())).append(" | ")
          .append(nullToEmpty(f.note())).append(" |\n");
    }
    tables.forEach(table -> md.append('\n').append(table).append('\n'));
    if (!notes.isEmpty()) {
      md.append("\nNotes:\n\n");
      notes.forEach(note -> md.append("- ").append(note).append('\n'));
    }
    return md.toString();
  }

  private static String line(Figure f) {
    return String.format(Locale.ROOT, "%-10s %-58s median %10s  min %10s  max %10s%s %s%s", f.section(), f.name(),
        number(f.median()), number(f.min()), number(f.max()), f.p95() == null ? "" : "  p95 " + number(f.p95()),
        f.unit(), f.target() == null ? "" : "   (target " + f.target() + ")");
  }

  static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e12) {
      return String.format(Locale.ROOT, "%d", (long) value);
    }
    return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%.0f", value)
        : Math.abs(value) >= 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.2f", value);
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text.replace("|", "\\|");
  }

  /** What the machine is: cores, memory, JVM, and how busy it is. */
  static final class Machine {

    private Machine() {}

    static Map<String, Object> describe() {
      Map<String, Object> machine = new LinkedHashMap<>();
      machine.put("cores", Runtime.getRuntime().availableProcessors());
      machine.put("memoryMiB", totalMemoryMiB());
      machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
          + System.getProperty("os.arch"));
      machine.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
      machine.put("jvmArguments", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
          .filter(argument -> !argument.toLowerCase(Locale.ROOT).contains("password")).toList());
      machine.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
      return machine;
    }

    static String loadAverage() {
      try {
        return Files.readString(Path.of("/proc/loadavg")).trim();
      } catch (IOException e) {
        return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      }
    }

    private static long totalMemoryMiB() {
      try {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
            .map(l -> Long.parseLong(l.replaceAll("\\D", "")) >> 10).findFirst().orElse(-1L);
      } catch (IOException e) {
        return -1;
      }
    }
  }
}
