package cn.marketplace.onboarding.certification.windows;

import cn.marketplace.onboarding.certification.linux.CertificationProperties;
import cn.marketplace.onboarding.certification.linux.LinuxVmProbe;
import cn.marketplace.onboarding.certification.linux.ProbeRun;
import cn.marketplace.onboarding.certification.linux.VmAccess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.stereotype.Component;

/**
 * Runs the Windows probe on the ISV's VM over one SSH session (the OpenSSH server of Windows Server
 * 2019 and later), with the same destination policy, host-key trust, timeouts and output limit as the
 * Linux probe. The probe script is the product's resource {@value #SCRIPT_RESOURCE}, sent on standard
 * input; the command is a fixed {@code powershell.exe -EncodedCommand} (Base64 of UTF-16LE text, as
 * that option expects) of {@value #BOOTSTRAP}, which runs what standard input gives as one script. The
 * command stays short and free of quotes, so it runs the same whether the VM's OpenSSH default shell
 * is cmd.exe or PowerShell, and nothing the ISV gives becomes part of it.
 */
@Component
public class WindowsVmProbe {

  static final String SCRIPT_RESOURCE = "/certification/windows-probe.ps1";
  /** Reads the whole script first: {@code -Command -} would run it line by line. */
  public static final String BOOTSTRAP = "& ([ScriptBlock]::Create([Console]::In.ReadToEnd()))";
  static final String COMMAND_PREFIX = "powershell.exe -NoLogo -NoProfile -NonInteractive -ExecutionPolicy Bypass"
      + " -EncodedCommand ";

  private final LinuxVmProbe ssh;

  public WindowsVmProbe(CertificationProperties properties) {
    this.ssh = new LinuxVmProbe(properties, command(), script().getBytes(StandardCharsets.US_ASCII));
  }

  /** The one command a Windows certification runs. */
  public static String command() {
    return COMMAND_PREFIX + Base64.getEncoder().encodeToString(BOOTSTRAP.getBytes(StandardCharsets.UTF_16LE));
  }

  /** The probe script as the product ships it (ASCII: the console's input code page reads it as sent). */
  public static String script() {
    try (InputStream in = WindowsVmProbe.class.getResourceAsStream(SCRIPT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("probe script missing from the classpath: " + SCRIPT_RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @see LinuxVmProbe#run(VmAccess, String)
   * @throws cn.marketplace.onboarding.certification.linux.VmNotAnsweringException when the VM does not
   *     answer in time
   */
  public ProbeRun run(VmAccess access, String knownHostKey) {
    return ssh.run(access, knownHostKey);
  }
}
