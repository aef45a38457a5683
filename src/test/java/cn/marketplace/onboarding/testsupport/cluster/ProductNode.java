package cn.marketplace.onboarding.testsupport.cluster;

import cn.marketplace.onboarding.OnboardingApplication;
import cn.marketplace.onboarding.testsupport.PostgresServer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One node of the product in a JVM of its own: the application's main class on this test run's
 * classpath (so no packaged jar is needed), profile {@code postgres}, the job executor on, mail to
 * the given SMTP port, working in (and logging to {@code <name>.log} in) a directory of the test's. Killing it is
 * {@code kill -9}: no shutdown hook, no rollback but the database's.
 */
public final class ProductNode {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  private final String name;
  private final int port;
  private final Path directory;
  private final Path log;
  private final List<String> command;
  private final Map<String, String> environment;
  private Process process;

  private ProductNode(String name, int port, Path directory, List<String> command, Map<String, String> environment) {
    this.name = name;
    this.port = port;
    this.directory = directory;
    this.log = directory.resolve(name + ".log");
    this.command = command;
    this.environment = environment;
  }

  /**
   * A node named {@code name} (also its engine host name in the job log) on {@code database},
   * sending mail to {@code smtpPort}; {@code properties} add to or override the defaults.
   */
  public static ProductNode on(PostgresServer.Database database, String name, int smtpPort, Path workDirectory,
      Map<String, String> properties) {
    int port = freePort();
    Path directory = workDirectory.toAbsolutePath();
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spring.config.location", "classpath:/config/");
    settings.put("spring.profiles.active", "postgres");
    settings.put("server.port", String.valueOf(port));
    settings.put("spring.mail.host", "127.0.0.1");
    settings.put("spring.mail.port", String.valueOf(smtpPort));
    settings.put("camunda.bpm.job-execution.enabled", "true");
    settings.put("onboarding.base-url", "http://127.0.0.1:" + port);
    settings.put("onboarding.admin.initial-password-file", directory.resolve(name + "-admin-password").toString());
    settings.put("onboarding.partner-directory.file", "classpath:test-partner-directory.csv");
    settings.put("onboarding.partner-directory.customer-file", "classpath:test-customer-directory.csv");
    settings.put("logging.level.org.camunda.bpm.engine.jobexecutor", "WARN");
    // the sample VMs listen on loopback ports
    settings.put("onboarding.certification.allowed-vm-networks", "127.0.0.1/32");
    settings.put("onboarding.certification.allowed-vm-ports", "22,1024-65535");
    settings.putAll(properties);

    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
        "-Djdk.httpclient.allowRestrictedHeaders=content-length",
        "-cp", classpath(), OnboardingApplication.class.getName()));
    settings.forEach((key, value) -> command.add("--" + key + "=" + value));
    Map<String, String> environment = Map.of("ONBOARDING_DB_URL", database.url(), "ONBOARDING_DB_USER", database.user(),
        "ONBOARDING_DB_PASSWORD", database.password(), "ONBOARDING_NODE_NAME", name);
    return new ProductNode(name, port, directory, command, environment);
  }

  public String name() {
    return name;
  }

  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Starts the JVM without waiting for it; see {@link #awaitReady()}. */
  public ProductNode start() {
    try {
      Files.createDirectories(log.getParent());
      // its own working directory: no ./config or ./data of the project's
      ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(environment);
      process = builder.start();
      // a test JVM that dies takes its nodes along
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start node " + name, e);
    }
  }

  /** Waits until the node reports itself ready to take traffic. */
  public void awaitReady() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest readiness = HttpRequest.newBuilder(baseUri().resolve("/actuator/health/readiness"))
        .timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("node " + name + " exited at start-up; see " + log.toAbsolutePath());
      }
      try {
        if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(Duration.ofMillis(500));
    }
    throw new IllegalStateException("node " + name + " not ready within " + START_TIMEOUT + "; see " + log.toAbsolutePath());
  }

  /** SIGKILL: the node stops where it is, its transactions die with its connections. */
  public void kill() {
    process.destroyForcibly();
    waitForExit();
  }

  /** SIGTERM: Spring's graceful shutdown. */
  public void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      waitForExit();
    }
  }

  private void waitForExit() {
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The test run's classpath (Surefire's own property when the JVM's is a manifest-only jar),
   * without empty entries: Java reads those as the working directory, whose {@code processes/}
   * would then be deployed a second time.
   */
  private static String classpath() {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Arrays.stream(classpath.split(File.pathSeparator)).filter(entry -> !entry.isBlank())
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
