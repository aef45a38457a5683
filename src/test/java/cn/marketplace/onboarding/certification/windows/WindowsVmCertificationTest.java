package cn.marketplace.onboarding.certification.windows;

import cn.marketplace.onboarding.testsupport.TestPolicies;
import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.certification.linux.CertificationProperties;
import cn.marketplace.onboarding.certification.linux.LinuxCertificationResult;
import cn.marketplace.onboarding.certification.linux.VmAccess;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.Result;
import cn.marketplace.onboarding.rules.RuleId;
import cn.marketplace.onboarding.rules.RuleMessages;
import cn.marketplace.onboarding.testsupport.SampleVmServer;
import cn.marketplace.onboarding.testsupport.TestKeys;
import cn.marketplace.onboarding.testsupport.WindowsVmServer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The product's Windows certification over real SSH (JSch against the Apache MINA SSHD stand-in of a
 * Windows VM's OpenSSH server, which answers the real probe with a transcript in the documented
 * shapes): good VMs pass, and a VM that differs from a good one in one thing fails exactly that
 * thing's rule, with its evidence.
 */
class WindowsVmCertificationTest {

  private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");
  private static WindowsVmServer server;
  private final WindowsCertificationService service = new WindowsCertificationService(
      new WindowsVmProbe(SampleVmServer.allowingSampleVms(CertificationProperties.defaults())),
      Clock.fixed(NOW, ZoneOffset.UTC));

  @BeforeAll
  static void startServer() {
    server = WindowsVmServer.start(TestKeys.ed25519());
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  static Stream<Arguments> goodVms() {
    return Stream.of(Arguments.of("server-2019"), Arguments.of("server-2012-r2"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goodVms")
  void aGoodVmPassesEveryRuleInOneSession(String vm) {
    server.serve(vm);
    int execBefore = server.execRequests();
    int probesBefore = server.probesRun();

    LinuxCertificationResult result = run();

    assertThat(problems(result)).isEmpty();
    assertThat(result.certified()).isTrue();
    assertThat(result.findings()).extracting(f -> f.ruleId().id()).contains("CERT-2", "WIN-ARCH-1", "WIN-BASE-1",
        "WIN-GEN-1", "WIN-RDP-1", "WIN-BITLOCKER-1", "WIN-ROLE-1", "WIN-SMB-1", "WIN-TLS-1", "WIN-PATCH-1", "CERT-3");
    assertThat(result.findings()).filteredOn(f -> f.ruleId().id().startsWith("WIN-"))
        .allSatisfy(f -> assertThat(f.evidence()).isNotBlank());
    assertThat(server.execRequests() - execBefore).isEqualTo(1);
    assertThat(server.probesRun() - probesBefore).isEqualTo(1);
    assertThat(result.roundTrips()).isEqualTo(1);
    assertThat(result.hostKeyFingerprint()).startsWith("SHA256:");
    assertThat(result.distribution()).startsWith("Microsoft Windows Server");
  }

  @Test
  void theCommandIsShortAndFixedAndTheScriptIsAsciiForTheConsoleInput() {
    String command = WindowsVmProbe.command();
    // cmd.exe, OpenSSH's default shell on Windows, takes at most 8191 characters
    assertThat(command).hasSizeLessThan(8191).startsWith("powershell.exe ").doesNotContain("\"", "'", "&&", "|");
    String encoded = command.substring(command.lastIndexOf(' ') + 1);
    assertThat(new String(java.util.Base64.getDecoder().decode(encoded), java.nio.charset.StandardCharsets.UTF_16LE))
        .isEqualTo(WindowsVmProbe.BOOTSTRAP);
    assertThat(WindowsVmProbe.script()).matches("\\A\\p{ASCII}*\\z").contains("ConvertTo-Json");
  }

  @Test
  void theWannaCryMinimumIsCheckedWhereTheFaqGivesOne() {
    server.serve("server-2012-r2");

    Finding smb = finding(run(), RuleId.WIN_SMB_1);

    assertThat(smb.result()).isEqualTo(Result.PASS);
    assertThat(smb.evidence()).contains("srv.sys 6.3.9600.20337", "minimum 6.3.9600.18604");
  }

  static Stream<Arguments> oneThingWrong() {
    return Stream.of(
        Arguments.of("32-bit", "server-2019", change(d -> {
          d.put("Is64BitOperatingSystem", false);
          os(d).put("OSArchitecture", "32-bit");
        }), "WIN-ARCH-1 fail", "32-bit"),
        Arguments.of("not an approved base", "server-2019", change(d -> {
          os(d).put("Caption", "Microsoft Windows Server 2019 Standard");
        }), "WIN-BASE-1 fail", "Standard"),
        Arguments.of("a client Windows", "server-2019", change(d -> {
          os(d).put("Caption", "Microsoft Windows 10 Enterprise");
          os(d).put("BuildNumber", "19045");
          os(d).put("Version", "10.0.19045");
        }), "WIN-BASE-1 fail", "Windows 10"),
        Arguments.of("sysprep left in audit mode", "server-2019", change(d -> {
          ((ObjectNode) d.get("SetupState")).put("ImageState", "IMAGE_STATE_SPECIALIZE_RESEAL_TO_AUDIT");
        }), "WIN-GEN-1 fail", "IMAGE_STATE_SPECIALIZE_RESEAL_TO_AUDIT"),
        Arguments.of("Remote Desktop off", "server-2019", change(d -> {
          ((ObjectNode) d.get("TerminalServer")).put("fDenyTSConnections", 1);
        }), "WIN-RDP-1 fail", "fDenyTSConnections=1"),
        Arguments.of("BitLocker on the OS disk", "server-2019", change(d -> {
          ObjectNode bitLocker = d.putObject("BitLocker");
          bitLocker.put("Available", true);
          bitLocker.putArray("Volumes").addObject().put("MountPoint", "C:").put("VolumeStatus", "FullyEncrypted")
              .put("ProtectionStatus", "On").put("EncryptionPercentage", 100);
        }), "WIN-BITLOCKER-1 fail", "FullyEncrypted"),
        Arguments.of("Failover Clustering and WINS installed", "server-2019", change(d -> {
          ArrayNode installed = (ArrayNode) d.get("WindowsFeatures").get("Installed");
          installed.addObject().put("Name", "Failover-Clustering").put("DisplayName", "Failover Clustering");
          installed.addObject().put("Name", "WINS").put("DisplayName", "WINS Server");
        }), "WIN-ROLE-1 fail", "Failover Clustering (Failover-Clustering)"),
        Arguments.of("srv.sys before MS17-010", "server-2012-r2", change(d -> {
          ((ObjectNode) d.get("SrvSys")).put("FilePrivatePart", 16421);
        }), "WIN-SMB-1 fail", "6.3.9600.16421"),
        Arguments.of("TLS 1.0 on by default", "server-2019", change(d -> {
          for (var key : d.get("Schannel")) {
            if (key.get("Protocol").asText().equals("TLS 1.0")) {
              ((ObjectNode) key).removeAll().put("Path", "HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders"
                  + "\\SCHANNEL\\Protocols\\TLS 1.0\\Server").put("Present", false).put("Protocol", "TLS 1.0");
            }
          }
        }), "WIN-TLS-1 fail", "TLS 1.0 Server: no Server key"),
        Arguments.of("TLS 1.1 enabled", "server-2019", change(d -> {
          for (var key : d.get("Schannel")) {
            if (key.get("Protocol").asText().equals("TLS 1.1")) {
              ((ObjectNode) key).put("Enabled", 1);
            }
          }
        }), "WIN-TLS-1 fail", "TLS 1.1 Server: Enabled=1"),
        Arguments.of("no update for months", "server-2019", change(d -> {
          ArrayNode fixes = (ArrayNode) d.get("HotFixes");
          fixes.remove(1);
        }), "WIN-PATCH-1 warning", "KB4470788"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oneThingWrong")
  void aVmWithOneThingWrongBreaksThatRuleAlone(String what, String base, Consumer<ObjectNode> change,
      String expectedProblem, String expectedEvidence) {
    server.serve(base, change);

    LinuxCertificationResult result = run();

    assertThat(problems(result)).containsExactly(expectedProblem);
    assertThat(result.certified()).isEqualTo(expectedProblem.endsWith("warning"));
    Finding finding = finding(result, RuleId.of(expectedProblem.split(" ")[0]));
    assertThat(finding.evidence()).contains(expectedEvidence);
    if (!result.certified()) {
      Finding verdict = finding(result, RuleId.CERT_3);
      assertThat(verdict.messageKey()).isEqualTo("CERT-3.not-certified");
      assertThat(verdict.evidence()).isEqualTo(finding.ruleId().id());
    }
  }

  @Test
  void whatTheProbeCouldNotReadFailsItsRule() {
    server.serve("server-2019", d -> {
      d.remove("TerminalServer");
      d.remove("WindowsFeatures");
      d.putArray("Problems").add("Terminal Server: UnauthorizedAccessException");
    });

    LinuxCertificationResult result = run();

    assertThat(problems(result)).containsExactlyInAnyOrder("WIN-RDP-1 fail", "WIN-ROLE-1 fail");
    assertThat(finding(result, RuleId.WIN_RDP_1).messageKey()).isEqualTo("WIN-RDP-1.not-read");
    assertThat(result.certified()).isFalse();
  }

  @Test
  void outputThatIsNotTheProbesDocumentIsAFailureNotACrash() {
    server.serveRaw("#< CLIXML\r\n<Objs Version=\"1.1.0.1\"></Objs>");

    LinuxCertificationResult result = run();

    assertThat(result.certified()).isFalse();
    assertThat(result.findings()).extracting(Finding::messageKey).contains("CERT-3.probe.no-header");
  }

  @Test
  void aWrongPasswordIsAConnectionFindingForTheIsv() {
    server.serve("server-2019");

    LinuxCertificationResult result = service.run(VmAccess.withPassword(server.host(), server.port(),
        WindowsVmServer.USER, "Wrong-Horse-43"), null, TestPolicies.AZURE_CURRENT);

    assertThat(result.certified()).isFalse();
    assertThat(result.findings()).extracting(Finding::messageKey).contains("CERT-2.authentication-failed");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oneThingWrong")
  void everyFindingReadsInBothLanguagesAndShowsNoSecret(String what, String base, Consumer<ObjectNode> change,
      String ignored, String ignoredEvidence) {
    server.serve(base, change);

    for (Finding finding : run().findings()) {
      var messages = RuleMessages.renderAll(finding);
      assertThat(messages.get("en")).startsWith("[" + finding.ruleId().id() + "] ").doesNotContain("{");
      assertThat(messages.get("zh-CN")).startsWith("[" + finding.ruleId().id() + "] ").doesNotContain("{");
      assertThat(messages.get("zh-CN")).isNotEqualTo(messages.get("en"));
      assertThat(String.join(" ", messages.values()) + " " + finding.evidence())
          .doesNotContain(WindowsVmServer.PASSWORD);
    }
  }

  private LinuxCertificationResult run() {
    return service.run(VmAccess.withPassword(server.host(), server.port(), WindowsVmServer.USER,
        WindowsVmServer.PASSWORD), null, TestPolicies.AZURE_CURRENT);
  }

  private static Consumer<ObjectNode> change(Consumer<ObjectNode> change) {
    return change;
  }

  private static ObjectNode os(ObjectNode document) {
    return (ObjectNode) document.get("OperatingSystem");
  }

  private static Finding finding(LinuxCertificationResult result, RuleId rule) {
    return result.findings().stream().filter(f -> f.ruleId() == rule && !f.messageKey().equals("CERT-3.certified"))
        .reduce((first, second) -> second).orElseThrow();
  }

  private static List<String> problems(LinuxCertificationResult result) {
    return result.findings().stream()
        .filter(f -> f.result() != Result.PASS && f.ruleId() != RuleId.CERT_3)
        .map(f -> f.ruleId().id() + " " + f.result().value())
        .distinct()
        .toList();
  }
}
