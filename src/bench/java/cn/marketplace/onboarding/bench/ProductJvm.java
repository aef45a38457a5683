package cn.marketplace.onboarding.bench;

import cn.marketplace.onboarding.testsupport.MailServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged product ({@code java -jar}) in a JVM of its own, as operations run it, on a given
 * database: how long until {@code /actuator/health} answers UP, and its heap and resident memory.
 */
final class ProductJvm implements AutoCloseable {

  /** How long the product may take to start: {@code -Dbench.startTimeoutMinutes}, longer on a crowded machine. */
  private static final Duration START_TIMEOUT = Duration.ofMinutes(Long.getLong("bench.startTimeoutMinutes", 3));
  private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total\\s+(\\d+)K, used (\\d+)K");

  private final Process process;
  private final int port;
  private final double secondsToHealthy;
  private final double cpuSecondsToHealthy;

  private ProductJvm(Process process, int port, double secondsToHealthy, double cpuSecondsToHealthy) {
    this.process = process;
    this.port = port;
    this.secondsToHealthy = secondsToHealthy;
    this.cpuSecondsToHealthy = cpuSecondsToHealthy;
  }

  /**
   * How the JVM is launched: {@code java -jar} on the packaged jar, {@code java -jar} on the jar as
   * {@code bin/build-cds-archive} extracts it (no archive), or as the README's AppCDS start.
   */
  record Launch(String label, List<String> javaArguments) {

    static Launch plainJar() {
      return new Launch("java -jar", List.of("-jar", packagedJar().toString()));
    }

    /** {@code java -jar} on the extracted jar that {@link #appCds} left in {@code directory}, without its archive. */
    static Launch extractedJar(Path directory) {
      return new Launch("java -jar, extracted", List.of("-jar",
          directory.toAbsolutePath().resolve(packagedJar().getFileName()).toString()));
    }

    /**
     * {@code bin/build-cds-archive} into {@code directory} (extracted jar and class data sharing archive),
     * then {@code java -XX:SharedArchiveFile=... -jar <extracted jar>}, exactly as the README says.
     */
    static Launch appCds(Path directory) throws IOException, InterruptedException {
      Path absolute = directory.toAbsolutePath();
      Files.createDirectories(absolute.getParent());
      Process build = new ProcessBuilder("bin/build-cds-archive", packagedJar().toString(), absolute.toString())
          .redirectErrorStream(true).redirectOutput(absolute.resolveSibling("build-cds-archive.log").toFile()).start();
      if (build.waitFor() != 0) {
        throw new IllegalStateException("bin/build-cds-archive failed: see "
            + absolute.resolveSibling("build-cds-archive.log"));
      }
      return new Launch("AppCDS", List.of("-XX:SharedArchiveFile=" + absolute.resolve("onboarding.jsa"), "-jar",
          absolute.resolve(packagedJar().getFileName()).toString()));
    }
  }

  static Path packagedJar() {
    Path jar = Path.of(System.getProperty("bench.jar", "target/marketplace-onboarding.jar")).toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run ./mvnw -Pbench verify, which packages it first");
    }
    return jar;
  }

  static ProductJvm start(BenchSettings settings, BenchDatabase database, String maxHeap, Path workDirectory,
      Launch launch) throws IOException, InterruptedException {
    Files.createDirectories(workDirectory);
    int port = freePort();
    List<String> command = new ArrayList<>(List.of("java", "-Xmx" + maxHeap,
        "-Djdk.httpclient.allowRestrictedHeaders=content-length"));
    command.addAll(launch.javaArguments());
    command.addAll(List.of(
        "--server.port=" + port, "--spring.datasource.url=" + database.url(),
        "--spring.datasource.username=" + database.user(), "--logging.level.root=WARN",
        // health includes the mail server: a real one (GreenMail in this JVM) answers it
        "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + MailServer.port()));
    if (database.postgres()) {
      command.add("--spring.profiles.active=postgres");
    }
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDirectory.toFile()).redirectErrorStream(true)
        .redirectOutput(workDirectory.resolve("product.log").toFile());
    builder.environment().put("ONBOARDING_DB_PASSWORD", database.password());
    builder.environment().put("SPRING_DATASOURCE_PASSWORD", database.password());
    long started = System.nanoTime();
    Process process = builder.start();
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
        .timeout(Duration.ofSeconds(2)).build();
    while (System.nanoTime() - started < START_TIMEOUT.toNanos()) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the product exited at start-up; see " + workDirectory.resolve("product.log"));
      }
      try {
        HttpResponse<String> answer = http.send(health, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200 && answer.body().contains("\"UP\"")) {
          return new ProductJvm(process, port, (System.nanoTime() - started) / 1e9, cpuSeconds(process));
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    process.destroyForcibly();
    throw new IllegalStateException("the product was not healthy within " + START_TIMEOUT);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  double secondsToHealthy() {
    return secondsToHealthy;
  }

  /** CPU time (user + system, all threads) the JVM had used when it answered UP: less moved by a busy machine. */
  double cpuSecondsToHealthy() {
    return cpuSecondsToHealthy;
  }

  private static double cpuSeconds(Process process) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
    // the fields after the command name in parentheses: utime and stime are the 12th and 13th, in clock ticks of 1/100 s
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
  }

  /** The heap in use after a full collection, in MiB (what the application keeps alive). */
  double liveHeapMiB() throws IOException, InterruptedException {
    jcmd("GC.run");
    Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
    if (!used.find()) {
      throw new IllegalStateException("cannot read the heap from jcmd GC.heap_info");
    }
    return Long.parseLong(used.group(2)) / 1024.0;
  }

  /** The resident set size of the JVM, in MiB. */
  double residentMiB() throws IOException {
    return Files.readAllLines(Path.of("/proc/" + process.pid() + "/status")).stream()
        .filter(line -> line.startsWith("VmRSS:")).map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024.0)
        .findFirst().orElseThrow();
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Process jcmd = new ProcessBuilder("jcmd", String.valueOf(process.pid()), command).redirectErrorStream(true).start();
    String output = new String(jcmd.getInputStream().readAllBytes());
    jcmd.waitFor(30, TimeUnit.SECONDS);
    return output;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
