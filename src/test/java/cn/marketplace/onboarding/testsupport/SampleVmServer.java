package cn.marketplace.onboarding.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import cn.marketplace.onboarding.certification.linux.CertificationProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * A real SSH server (Apache MINA SSHD) on a loopback port that plays a sample Linux VM.
 *
 * <p>A sample VM is a directory under {@code src/test/resources/vms/<name>/}: the VM's files at
 * their paths ({@code etc/os-release}, {@code proc/cmdline}...) and, in {@code bin/}, stub commands
 * that print what the real distribution's commands print. A sample may name a {@code base} sample
 * in {@code sample-vm.properties} and only add, {@code remove} or {@code link} files; it is
 * materialised into a temporary directory before it is served.
 *
 * <p>Exec requests run for real with {@code /bin/sh -c}, with {@code PROBE_ROOT} set to the VM's
 * directory and a {@code PATH} of the VM's {@code bin/} plus a few basic tools, so that the
 * product's real probe script runs against the sample and never sees the host's own commands.
 */
public final class SampleVmServer implements AutoCloseable {

  public static final String USER = "certifier";
  public static final String PASSWORD = "Correct-Horse-42";

  /** Host tools the probe may use besides the VM's own commands (POSIX basics only). */
  private static final List<String> BASIC_TOOLS =
      List.of("sh", "cat", "wc", "ls", "readlink", "id", "timeout", "head", "sleep");
  private static final String DESCRIPTOR = "sample-vm.properties";

  private final Set<PublicKey> authorizedKeys = new CopyOnWriteArraySet<>();
  private final AtomicInteger execRequests = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();
  private final Path workDirectory;
  private final Path toolsDirectory;
  private SshServer server;
  private int port;
  private volatile Path vmDirectory;

  private SampleVmServer(KeyPair hostKey) throws IOException {
    workDirectory = Files.createTempDirectory("sample-vm-server-");
    toolsDirectory = Files.createDirectory(workDirectory.resolve("tools"));
    linkBasicTools();
    start(hostKey, 0);
  }

  /** Starts a server with the given host key on a free loopback port; it serves no VM until {@link #serve}. */
  public static SampleVmServer start(KeyPair hostKey) {
    try {
      return new SampleVmServer(hostKey);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serves the sample VM {@code vms/<name>} from now on. */
  public SampleVmServer serve(String vmName) {
    try {
      Path target = workDirectory.resolve("vm-" + vmName);
      deleteRecursively(target);
      materialise(vmName, target);
      vmDirectory = target;
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Accepts this public key for {@link #USER} from now on. */
  public void authorize(PublicKey key) {
    authorizedKeys.add(key);
  }

  /** Stops and starts again on the same port with another host key, as a reinstalled VM would. */
  public void restartWithHostKey(KeyPair hostKey) {
    try {
      server.stop(true);
      start(hostKey, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String host() {
    return "127.0.0.1";
  }

  /** {@code properties} with the sample VMs' loopback address and ports allowed, as the test profile does. */
  public static CertificationProperties allowingSampleVms(CertificationProperties properties) {
    return properties.allowing(List.of("127.0.0.1/32"), List.of("22", "1024-65535"));
  }

  public int port() {
    return port;
  }

  /** Exec channels the server was asked to run since it started. */
  public int execRequests() {
    return execRequests.get();
  }

  /** Connections the server accepted since it started, whether or not anybody logged in. */
  public int connections() {
    return connections.get();
  }

  /** The directory of the VM being served, for tests that inspect or change it. */
  public Path vmDirectory() {
    return vmDirectory;
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
    deleteRecursively(workDirectory);
  }

  private void start(KeyPair hostKey, int requestedPort) throws IOException {
    server = SshServer.setUpDefaultServer();
    server.setHost(host());
    server.setPort(requestedPort);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    server.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
    server.setPublickeyAuthenticator((user, key, session) ->
        USER.equals(user) && authorizedKeys.stream().anyMatch(known -> KeyUtils.compareKeys(known, key)));
    server.setKeyboardInteractiveAuthenticator(null);
    server.setCommandFactory((channel, command) -> new ShellCommand(command));
    server.addSessionListener(new SessionListener() {
      @Override
      public void sessionCreated(Session session) {
        connections.incrementAndGet();
      }
    });
    server.start();
    port = server.getPort();
  }

  private void linkBasicTools() throws IOException {
    for (String tool : BASIC_TOOLS) {
      for (String directory : List.of("/usr/bin", "/bin")) {
        Path candidate = Path.of(directory, tool);
        if (Files.isExecutable(candidate)) {
          Files.createSymbolicLink(toolsDirectory.resolve(tool), candidate);
          break;
        }
      }
    }
  }

  private static void materialise(String vmName, Path target) throws IOException {
    Path source = resource("vms/" + vmName);
    Properties descriptor = new Properties();
    Path descriptorFile = source.resolve(DESCRIPTOR);
    if (Files.exists(descriptorFile)) {
      try (InputStream in = Files.newInputStream(descriptorFile)) {
        descriptor.load(in);
      }
    }
    String base = descriptor.getProperty("base");
    if (base != null) {
      materialise(base.strip(), target);
    }
    copyTree(source, target);
    for (String path : list(descriptor.getProperty("remove"))) {
      deleteRecursively(target.resolve(path));
    }
    for (String link : list(descriptor.getProperty("link"))) {
      String[] parts = link.split("->", 2);
      Path linkPath = target.resolve(parts[0].strip());
      deleteRecursively(linkPath);
      Files.createDirectories(linkPath.getParent());
      Files.createSymbolicLink(linkPath, Path.of(parts[1].strip()));
    }
    Path bin = target.resolve("bin");
    if (Files.isDirectory(bin)) {
      try (Stream<Path> stubs = Files.list(bin)) {
        stubs.forEach(stub -> stub.toFile().setExecutable(true));
      }
    }
  }

  private static List<String> list(String value) {
    return value == null ? List.of() : Stream.of(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static Path resource(String name) {
    URL url = SampleVmServer.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new IllegalArgumentException("no sample VM on the test classpath: " + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void copyTree(Path source, Path target) throws IOException {
    Files.walkFileTree(source, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Files.createDirectories(target.resolve(source.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (!file.getFileName().toString().equals(DESCRIPTOR)) {
          Path copy = target.resolve(source.relativize(file).toString());
          Files.deleteIfExists(copy);
          Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      Files.delete(path);
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** One exec request, run for real by {@code /bin/sh -c} against the served VM. */
  private final class ShellCommand implements Command {
    private final String command;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exitCallback;
    private Process process;

    ShellCommand(String command) {
      this.command = command;
    }

    @Override
    public void setInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
      this.exitCallback = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
      execRequests.incrementAndGet();
      Path vm = vmDirectory;
      ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command);
      Map<String, String> environment = builder.environment();
      environment.clear();
      environment.put("PROBE_ROOT", vm == null ? "/nonexistent" : vm.toString());
      environment.put("PATH", (vm == null ? "" : vm.resolve("bin") + ":") + toolsDirectory);
      environment.put("LANG", "C");
      environment.put("HOME", workDirectory.toString());
      builder.directory(workDirectory.toFile());
      process = builder.start();

      Thread stdin = pump(in, process.getOutputStream(), true, "stdin");
      Thread stdout = pump(process.getInputStream(), out, false, "stdout");
      Thread stderr = pump(process.getErrorStream(), err, false, "stderr");
      Thread waiter = new Thread(() -> {
        try {
          int status = process.waitFor();
          stdout.join();
          stderr.join();
          stdin.interrupt();
          exitCallback.onExit(status);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "sample-vm-exit");
      waiter.setDaemon(true);
      waiter.start();
    }

    @Override
    public void destroy(ChannelSession channel) {
      if (process != null) {
        process.destroyForcibly();
      }
    }

    private Thread pump(InputStream from, OutputStream to, boolean closeTarget, String name) {
      Thread thread = new Thread(() -> {
        byte[] buffer = new byte[8192];
        try {
          int read;
          while ((read = from.read(buffer)) >= 0) {
            to.write(buffer, 0, read);
            to.flush();
          }
        } catch (IOException e) {
          // the other side went away: nothing left to pass on
        } finally {
          if (closeTarget) {
            try {
              to.close();
            } catch (IOException ignored) {
              // already closed
            }
          }
        }
      }, "sample-vm-" + name);
      thread.setDaemon(true);
      thread.start();
      return thread;
    }
  }
}
