package cn.marketplace.onboarding.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * A real Debian 12 userland served over SSH by its own OpenSSH server, for tests that must not
 * rely on canned command outputs: {@code src/test/scripts/debian-vm.sh} builds the root with
 * debootstrap (once, cached) and prepares it as a generalized Azure image; {@link #start} runs
 * the root's {@code /usr/sbin/sshd -D -e} on a free loopback port in private mount, pid and UTS
 * namespaces, through a throw-away overlay, with the kernel-provided files the probe reads
 * planted over the real ones.
 *
 * <p>Needs root. {@link #ensureRoot()} fails with a message saying what is missing rather than
 * letting a test skip.
 */
public final class DebianVm implements AutoCloseable {

  public static final String USER = "azureuser";
  public static final String PASSWORD = "Debian-Userland-7!";

  private static final Path SCRIPT = Path.of(System.getProperty("basedir", "."), "src/test/scripts/debian-vm.sh");
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(20);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final String LISTENING = "Server listening on 127.0.0.1 port ";
  private static Path root;

  private final Path runDirectory;
  private final int port;
  private final Process launcher;
  private final List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch listening = new CountDownLatch(1);

  /**
   * Builds the cached root when it is missing (a few minutes the first time) and prepares it;
   * its path. Fails, never skips, when it can't: not root, no debootstrap, no mirror.
   */
  public static synchronized Path ensureRoot() {
    if (root != null) {
      return root;
    }
    String uid = run(List.of("id", "-u"), Duration.ofSeconds(10)).strip();
    if (!uid.equals("0")) {
      throw new IllegalStateException("The Debian userland test needs root (debootstrap, chroot, mount and pid "
          + "namespaces) but runs as uid " + uid + ": run the build as root, as .ci/run does.");
    }
    if (!Files.isRegularFile(SCRIPT)) {
      throw new IllegalStateException("No " + SCRIPT.toAbsolutePath() + ": run the tests from the project directory.");
    }
    long started = System.nanoTime();
    String output = run(List.of("bash", SCRIPT.toString(), "build"), BUILD_TIMEOUT);
    List<String> lines = output.lines().toList();
    // into the test's report: whether the root was built this time, and how long that took
    lines.stream().filter(line -> line.startsWith("debian-vm: ")).forEach(System.out::println);
    System.out.printf("debian-vm: root ready for the tests after %d ms%n", Duration.ofNanos(System.nanoTime() - started).toMillis());
    root = Path.of(lines.get(lines.size() - 1).strip());
    return root;
  }

  /** A file of the prepared image as it is built (not as a run changed it), e.g. to derive a changed copy. */
  public static String imageFile(String path) {
    try {
      return Files.readString(ensureRoot().resolve(path.replaceFirst("^/+", "")), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serves the good image. */
  public static DebianVm start() {
    return start(Map.of(), List.of(), List.of());
  }

  /**
   * Serves the image with these changes for this run only.
   *
   * @param planted absolute path to content: image files ({@code /etc/...}) are written into the
   *     run's overlay, kernel files ({@code /proc/...}, {@code /sys/...}) bind-mounted over what
   *     the kernel shows
   * @param removed image paths deleted for this run
   * @param authorizedKeys public keys accepted for {@link #USER} besides its password
   */
  public static DebianVm start(Map<String, String> planted, List<String> removed, List<PublicKey> authorizedKeys) {
    ensureRoot();
    try {
      return new DebianVm(planted, removed, authorizedKeys);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private DebianVm(Map<String, String> planted, List<String> removed, List<PublicKey> authorizedKeys) throws IOException {
    runDirectory = Files.createTempDirectory("debian-vm-");
    port = freePort();
    Files.writeString(runDirectory.resolve("port"), port + "\n");
    Files.writeString(runDirectory.resolve("user"), USER + "\n");
    Files.writeString(runDirectory.resolve("password"), PASSWORD);
    if (!authorizedKeys.isEmpty()) {
      Files.writeString(runDirectory.resolve("authorized_keys"),
          authorizedKeys.stream().map(PublicKeyEntry::toString).collect(Collectors.joining("\n", "", "\n")));
    }
    for (Map.Entry<String, String> file : planted.entrySet()) {
      Path target = runDirectory.resolve("plant").resolve(file.getKey().replaceFirst("^/+", ""));
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
    }
    if (!removed.isEmpty()) {
      Files.writeString(runDirectory.resolve("remove"), String.join("\n", removed) + "\n");
    }

    ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString(), "start", runDirectory.toString())
        .redirectErrorStream(true);
    builder.environment().put("DEBIAN_VM_ROOT", root.toString());
    launcher = builder.start();
    Thread reader = new Thread(this::readLog, "debian-vm-log");
    reader.setDaemon(true);
    reader.start();
    try {
      if (!listening.await(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        String seen = String.join("\n", log);
        close();
        throw new IllegalStateException("The Debian VM's sshd did not start in " + START_TIMEOUT + ":\n" + seen);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException(e);
    }
  }

  private void readLog() {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        log.add(line);
        if (line.startsWith(LISTENING)) {
          listening.countDown();
        }
      }
    } catch (IOException e) {
      // the launcher went away: close() tells
    }
  }

  public String host() {
    return "127.0.0.1";
  }

  public int port() {
    return port;
  }

  /** The fingerprint ({@code SHA256:...}) of the host key this run's provisioning generated. */
  public String hostKeyFingerprint() {
    try {
      String[] fields = Files.readString(runDirectory.resolve("hostkey.pub")).strip().split("\\s+");
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(fields[1]));
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the launcher and sshd printed so far (sshd logs every login to stderr). */
  public List<String> log() {
    return List.copyOf(log);
  }

  /**
   * Stops the run: SIGTERM to the namespace's init (its sshd), whose end makes the kernel kill
   * every other process of the namespace and drop its mounts; SIGKILL to the launcher if that
   * is not done in time. Fails when any process of the run is still alive afterwards.
   */
  @Override
  public void close() {
    List<ProcessHandle> processes = Stream.concat(Stream.of(launcher.toHandle()), launcher.descendants()).toList();
    launcher.children().forEach(ProcessHandle::destroy);
    try {
      if (!launcher.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        launcher.destroyForcibly();
        launcher.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
      long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
      while (processes.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deleteRecursively(runDirectory);
    List<String> alive = processes.stream().filter(ProcessHandle::isAlive)
        .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
    if (!alive.isEmpty()) {
      throw new IllegalStateException("Processes of the Debian VM outlived it: " + alive);
    }
  }

  /** Whether every process the run started has ended (after {@link #close()}). */
  public boolean stopped() {
    return !launcher.isAlive();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String run(List<String> command, Duration timeout) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      StringBuilder output = new StringBuilder();
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = in.readLine()) != null) {
            synchronized (output) {
              output.append(line).append('\n');
            }
          }
        } catch (IOException e) {
          // process ended
        }
      });
      reader.setDaemon(true);
      reader.start();
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeout + ":\n" + tail(output));
      }
      reader.join(5000);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n" + tail(output));
      }
      synchronized (output) {
        return output.toString();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String tail(StringBuilder output) {
    synchronized (output) {
      List<String> lines = output.toString().lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
  }

  private static void deleteRecursively(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Planted files as a map, in the given order: path, content, path, content... */
  public static Map<String, String> files(String... pathsAndContents) {
    Map<String, String> files = new LinkedHashMap<>();
    for (int i = 0; i + 1 < pathsAndContents.length; i += 2) {
      files.put(pathsAndContents[i], pathsAndContents[i + 1]);
    }
    return files;
  }
}
