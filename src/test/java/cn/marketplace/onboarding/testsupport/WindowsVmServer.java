package cn.marketplace.onboarding.testsupport;

import cn.marketplace.onboarding.certification.windows.WindowsVmProbe;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * A stand-in for a Windows VM's OpenSSH server (Apache MINA SSHD on a loopback port): no Windows VM
 * runs here. It accepts exactly the product's probe command, {@code powershell.exe ... -EncodedCommand}
 * of {@link WindowsVmProbe#BOOTSTRAP}, reads the probe script from standard input, checks that it is
 * the product's script, and answers with a transcript: the JSON document the script prints on a real
 * VM. Any other command gets what cmd.exe prints for an unknown command, with exit status 1.
 *
 * <p>A transcript ({@code src/test/resources/windows-vms/<name>.json}) holds only what the commands
 * the probe runs give, under the property names and in the formats their documentation states:
 * <ul>
 *   <li>{@code OperatingSystem}: {@code Get-CimInstance -ClassName Win32_OperatingSystem} — Caption,
 *       Version ({@code major.minor.build}), BuildNumber (a string), OSArchitecture, ProductType (3 for a
 *       server): learn.microsoft.com/windows/win32/cimwin32prov/win32-operatingsystem</li>
 *   <li>{@code Is64BitOperatingSystem}: {@code [Environment]::Is64BitOperatingSystem}, a Boolean:
 *       learn.microsoft.com/dotnet/api/system.environment.is64bitoperatingsystem</li>
 *   <li>{@code SetupState.ImageState}: {@code HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Setup\State},
 *       one of IMAGE_STATE_COMPLETE, IMAGE_STATE_UNDEPLOYABLE, IMAGE_STATE_GENERALIZE_RESEAL_TO_OOBE,
 *       IMAGE_STATE_SPECIALIZE_RESEAL_TO_OOBE, IMAGE_STATE_GENERALIZE_RESEAL_TO_AUDIT,
 *       IMAGE_STATE_SPECIALIZE_RESEAL_TO_AUDIT: learn.microsoft.com/windows-hardware/manufacture/desktop/windows-setup-states</li>
 *   <li>{@code TerminalServer.fDenyTSConnections}: {@code HKLM\SYSTEM\CurrentControlSet\Control\Terminal Server},
 *       a DWORD, 0 allows Remote Desktop connections, 1 denies them:
 *       learn.microsoft.com/windows-hardware/customize/desktop/unattend/microsoft-windows-terminalservices-localsessionmanager-fdenytsconnections</li>
 *   <li>{@code BitLocker.Volumes}: {@code Get-BitLockerVolume -MountPoint C:} — MountPoint, VolumeStatus
 *       (FullyDecrypted, FullyEncrypted, EncryptionInProgress, DecryptionInProgress...), ProtectionStatus
 *       (Off, On), EncryptionPercentage: learn.microsoft.com/powershell/module/bitlocker/get-bitlockervolume</li>
 *   <li>{@code WindowsFeatures.Installed}: {@code Get-WindowsFeature} where Installed — Name (e.g.
 *       Failover-Clustering, DHCP, RemoteAccess, WDS, Multipath-IO, NLB, SNMP-Service, WINS,
 *       Wireless-Networking), DisplayName: learn.microsoft.com/powershell/module/servermanager/get-windowsfeature</li>
 *   <li>{@code SrvSys}, {@code Srv2Sys}: {@code (Get-Item ...\drivers\srv.sys).VersionInfo} — FileName,
 *       FileVersion (the resource's text, which may differ from the file's numbers), FileMajorPart,
 *       FileMinorPart, FileBuildPart, FilePrivatePart: learn.microsoft.com/dotnet/api/system.diagnostics.fileversioninfo;
 *       the minimum versions per Windows version: Microsoft's VM certification FAQ, WannaCry patch verification</li>
 *   <li>{@code Schannel}: {@code HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\<protocol>\Server},
 *       DWORDs Enabled (0 disables the protocol) and DisabledByDefault:
 *       learn.microsoft.com/windows-server/security/tls/tls-registry-settings</li>
 *   <li>{@code HotFixes}: {@code Get-HotFix} — HotFixID, Description (Update, Security Update...),
 *       InstalledOn (a date; the probe writes it as yyyy-MM-dd):
 *       learn.microsoft.com/powershell/module/microsoft.powershell.management/get-hotfix</li>
 *   <li>the document itself: {@code ConvertTo-Json -Compress}:
 *       learn.microsoft.com/powershell/module/microsoft.powershell.utility/convertto-json; the command
 *       line: {@code -EncodedCommand}, a Base64 string of UTF-16LE text:
 *       learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_powershell_exe</li>
 * </ul>
 */
public final class WindowsVmServer implements AutoCloseable {

  public static final String USER = "certifier";
  public static final String PASSWORD = "Correct-Horse-42";
  /** What cmd.exe prints for a command it does not know. */
  static final String UNKNOWN_COMMAND = "is not recognized as an internal or external command,\r\n"
      + "operable program or batch file.\r\n";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final SshServer server;
  private final AtomicInteger execRequests = new AtomicInteger();
  private final AtomicInteger probesRun = new AtomicInteger();
  private volatile String transcript;

  private WindowsVmServer(KeyPair hostKey) throws IOException {
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    server.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
    server.setPublickeyAuthenticator(null);
    server.setKeyboardInteractiveAuthenticator(null);
    server.setCommandFactory((channel, command) -> new PowerShellCommand(command));
    server.start();
  }

  public static WindowsVmServer start(KeyPair hostKey) {
    try {
      return new WindowsVmServer(hostKey);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Answers the probe with the transcript {@code windows-vms/<name>.json} from now on. */
  public WindowsVmServer serve(String name) {
    return serve(name, document -> {});
  }

  /** Answers with the transcript {@code name}, changed by {@code change}: a VM that differs in one thing. */
  public WindowsVmServer serve(String name, Consumer<ObjectNode> change) {
    ObjectNode document = transcript(name);
    change.accept(document);
    transcript = document.toString();
    return this;
  }

  /** Answers with this output as it is, whatever it is. */
  public WindowsVmServer serveRaw(String output) {
    transcript = output;
    return this;
  }

  /** The transcript {@code windows-vms/<name>.json} as a JSON object, to read or change. */
  public static ObjectNode transcript(String name) {
    try (InputStream in = WindowsVmServer.class.getClassLoader().getResourceAsStream("windows-vms/" + name + ".json")) {
      if (in == null) {
        throw new IllegalArgumentException("no transcript on the test classpath: windows-vms/" + name + ".json");
      }
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String host() {
    return "127.0.0.1";
  }

  public int port() {
    return server.getPort();
  }

  /** Exec channels asked for since the start. */
  public int execRequests() {
    return execRequests.get();
  }

  /** Probe commands answered with a transcript since the start. */
  public int probesRun() {
    return probesRun.get();
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }

  /** One exec request: the product's probe gets the transcript, anything else cmd.exe's refusal. */
  private final class PowerShellCommand implements Command {
    private final String command;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exitCallback;

    PowerShellCommand(String command) {
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
    public void start(ChannelSession channel, Environment env) {
      execRequests.incrementAndGet();
      Thread answering = new Thread(this::answer, "windows-vm-stand-in");
      answering.setDaemon(true);
      answering.start();
    }

    private void answer() {
      try {
        if (!command.equals(WindowsVmProbe.command())) {
          err.write(("'" + command.split(" ", 2)[0] + "' " + UNKNOWN_COMMAND).getBytes(StandardCharsets.US_ASCII));
          err.flush();
          exitCallback.onExit(1);
          return;
        }
        String script = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        if (!script.equals(WindowsVmProbe.script())) {
          err.write("The script on standard input is not the product's probe.\r\n".getBytes(StandardCharsets.US_ASCII));
          err.flush();
          exitCallback.onExit(1);
          return;
        }
        probesRun.incrementAndGet();
        out.write(transcript.getBytes(StandardCharsets.UTF_8));
        out.flush();
        exitCallback.onExit(0);
      } catch (IOException e) {
        exitCallback.onExit(1, e.getMessage());
      }
    }

    @Override
    public void destroy(ChannelSession channel) {}
  }
}
