package cn.marketplace.onboarding.testsupport;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.PageRange;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import cn.marketplace.onboarding.submission.vhd.BootDisks;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Azurite's blob service for tests: one process per test JVM, started on first use on a free
 * loopback port with in-memory storage, and stopped by a shutdown hook. The process runs under a
 * small shell that kills it as soon as this JVM's pipe to it closes, so that even a JVM that is
 * killed leaves no Azurite behind.
 *
 * <pre>{@code
 * Azurite azurite = Azurite.instance();
 * String container = azurite.createContainer();
 * azurite.sparsePageBlob(container, "os.vhd", 30L << 30, footerBytes);
 * String sas = azurite.sasUri(container, "os.vhd", "rl", now.minusHours(1), now.plusDays(30));
 * }</pre>
 */
public final class Azurite {

  public static final String HOST = "127.0.0.1";
  public static final String ACCOUNT = "devstoreaccount1";
  /** The emulator's well-known key, published by Microsoft; it guards nothing real. */
  public static final String ACCOUNT_KEY =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final String STOP_WHEN_STDIN_CLOSES =
      "\"$@\" & child=$!; cat >/dev/null; kill $child 2>/dev/null; wait $child";

  private static Azurite instance;

  private final int port;
  private final Path log;
  private final Path projectDir;
  private final List<String> command;
  private final BlobServiceClient service;
  private Process process;

  /** {@code location} null: in memory; else blobs kept on disk there, across {@link #restart()}. */
  private Azurite(Path projectDir, Path location) throws IOException {
    Path executable = projectDir.resolve("node_modules/.bin/azurite-blob");
    if (!Files.isExecutable(executable)) {
      throw new IllegalStateException(executable + " is missing: run `npm ci` in " + projectDir);
    }
    this.projectDir = projectDir;
    this.port = freePort();
    Path logDir = projectDir.resolve("target");
    Files.createDirectories(logDir);
    this.log = logDir.resolve("azurite-" + port + ".log");
    command = new ArrayList<>(List.of("sh", "-c", STOP_WHEN_STDIN_CLOSES, "azurite",
        executable.toString(), "--blobHost", HOST, "--blobPort", String.valueOf(port),
        "--disableTelemetry", "--skipApiVersionCheck", "--loose"));
    if (location == null) {
      command.add("--inMemoryPersistence");
    } else {
      Files.createDirectories(location);
      command.addAll(List.of("--location", location.toAbsolutePath().toString()));
    }
    launch();
    this.service = new BlobServiceClientBuilder()
        .connectionString(connectionString())
        .httpClient(new JdkHttpClientBuilder().connectionTimeout(Duration.ofSeconds(5)).build())
        .retryOptions(new RequestRetryOptions(RetryPolicyType.FIXED, 3, Duration.ofSeconds(30),
            Duration.ofMillis(200), Duration.ofMillis(200), null))
        .buildClient();
  }

  /** The running emulator, started on first call. */
  public static synchronized Azurite instance() {
    if (instance == null) {
      try {
        instance = new Azurite(Path.of(System.getProperty("user.dir")).toAbsolutePath(), null);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start Azurite", e);
      }
      Azurite started = instance;
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "azurite-stop"));
    }
    return instance;
  }

  /**
   * An emulator of its own that keeps its blobs on disk in {@code location}, for tests that stop
   * the storage and start it again ({@link #stop()}, {@link #restart()}); stopped by a shutdown hook.
   */
  public static Azurite onDisk(Path location) {
    try {
      Azurite own = new Azurite(Path.of(System.getProperty("user.dir")).toAbsolutePath(), location);
      Runtime.getRuntime().addShutdownHook(new Thread(own::stop, "azurite-stop"));
      return own;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Azurite", e);
    }
  }

  /** Starts the stopped emulator again on the same port (SAS URIs name it). */
  public synchronized void restart() {
    if (process.isAlive()) {
      throw new IllegalStateException("Azurite on port " + port + " is running");
    }
    try {
      launch();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restart Azurite", e);
    }
  }

  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:<port>/devstoreaccount1} */
  public String blobEndpoint() {
    return "http://" + HOST + ":" + port + "/" + ACCOUNT;
  }

  /** The emulator account's connection string, with its well-known key. */
  public String connectionString() {
    return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + ACCOUNT_KEY + ";BlobEndpoint="
        + blobEndpoint() + ";";
  }

  /** A client with the account key, for setting up what a test reads. */
  public BlobServiceClient service() {
    return service;
  }

  /** Creates a container with a fresh name and returns the name. */
  public String createContainer() {
    return createContainer("c" + UUID.randomUUID().toString().replace("-", "").substring(0, 20));
  }

  public String createContainer(String name) {
    service.createBlobContainerIfNotExists(name.toLowerCase(Locale.ROOT));
    return name.toLowerCase(Locale.ROOT);
  }

  /**
   * A page blob of {@code virtualSize + 512} bytes of which only the first and the last 512 are
   * written: an MBR with boot code (an x64 gen1 OS disk, as every 2015 image was) and {@code footer}.
   * A sparse fixed VHD that costs a few KB whatever its size.
   */
  public BlobClient sparsePageBlob(String container, String blob, long virtualSize, byte[] footer) {
    return sparseVhd(container, blob, virtualSize, BootDisks.gen1Mbr(virtualSize), footer);
  }

  /** A sparse fixed VHD whose first bytes are {@code head} (its partition table) and last {@code footer}. */
  public BlobClient sparseVhd(String container, String blob, long virtualSize, byte[] head, byte[] footer) {
    BlobClient client = pageBlobEndingWith(container, blob, virtualSize + footer.length, footer);
    if (head.length > 0) {
      client.getPageBlobClient().uploadPages(new PageRange().setStart(0).setEnd(head.length - 1),
          new ByteArrayInputStream(head));
    }
    return client;
  }

  /** A page blob of {@code length} bytes (a multiple of 512) whose last bytes are {@code tail}. */
  public BlobClient pageBlobEndingWith(String container, String blob, long length, byte[] tail) {
    if (length % 512 != 0 || tail.length % 512 != 0 || tail.length > length) {
      throw new IllegalArgumentException("page blobs are written in 512-byte pages");
    }
    BlobClient client = container(container).getBlobClient(blob);
    client.getPageBlobClient().create(length, true);
    if (tail.length > 0) {
      PageRange range = new PageRange().setStart(length - tail.length).setEnd(length - 1);
      client.getPageBlobClient().uploadPages(range, new ByteArrayInputStream(tail));
    }
    return client;
  }

  public BlobClient blockBlob(String container, String blob, byte[] content) {
    BlobClient client = container(container).getBlobClient(blob);
    client.getBlockBlobClient().upload(new ByteArrayInputStream(content), content.length, true);
    return client;
  }

  /**
   * A SAS URI of one blob, as an ISV would generate it: {@code permissions} in the letters of
   * {@code sp} (e.g. {@code rl}), no start time when {@code start} is null.
   */
  public String sasUri(String container, String blob, String permissions, OffsetDateTime start,
      OffsetDateTime expiry) {
    BlobClient client = container(container).getBlobClient(blob);
    BlobServiceSasSignatureValues values =
        new BlobServiceSasSignatureValues(expiry, BlobSasPermission.parse(permissions))
            .setStartTime(start);
    return client.getBlobUrl() + "?" + client.generateSas(values);
  }

  /** Stops the emulator and waits until it is gone. Called by the shutdown hook. */
  public synchronized void stop() {
    if (!process.isAlive()) {
      return;
    }
    try {
      process.getOutputStream().close();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private BlobContainerClient container(String name) {
    return service.getBlobContainerClient(name);
  }

  private void launch() throws IOException {
    process = new ProcessBuilder(command)
        .directory(projectDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    awaitListening();
  }

  private void awaitListening() throws IOException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Azurite exited at start-up: " + Files.readString(log));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(HOST, port), 200);
        return;
      } catch (IOException notYet) {
        sleep(Duration.ofMillis(100));
      }
    }
    stop();
    throw new IllegalStateException("Azurite did not listen on port " + port + " within "
        + START_TIMEOUT.toSeconds() + " s: " + Files.readString(log));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Azurite", e);
    }
  }
}
