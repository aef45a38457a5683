package cn.marketplace.onboarding.certification.linux;

import cn.marketplace.onboarding.testsupport.TestPolicies;
import cn.marketplace.onboarding.testsupport.SampleVmServer;
import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.Result;
import cn.marketplace.onboarding.rules.RuleId;
import cn.marketplace.onboarding.testsupport.DebianVm;
import cn.marketplace.onboarding.testsupport.TestKeys;
import cn.marketplace.onboarding.testsupport.TestKeys.ClientKey;
import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole Linux certification (real JSch, the real probe script) against a real Debian 12
 * userland instead of canned outputs: a debootstrap root with Debian's own waagent, OpenSSH,
 * Python, OpenSSL, iptables, ifupdown and sudo, prepared as a generalized Azure image and served
 * by its own sshd (see {@link DebianVm}). The good image passes every check; one changed file
 * makes exactly its check fail and changes no other finding.
 *
 * <p>What a chroot can't show is planted where the kernel shows it: the boot parameters
 * ({@code /proc/cmdline}), the swap list ({@code /proc/swaps}), the IPv6 switch and the storvsc
 * driver ({@code /sys/module/hv_storvsc}). The root has no kernel of its own: {@code uname}
 * reports the host's.
 *
 * <p>Needs root and, the first time, Debian's mirror (about two minutes to build the root); it
 * fails, never skips, when it can't have them.
 */
class DebianUserlandCertificationTest {

  private static List<Finding> goodFindings;
  private final LinuxCertificationService service =
      new LinuxCertificationService(new LinuxVmProbe(SampleVmServer.allowingSampleVms(CertificationProperties.defaults())), new LinuxChecks());

  @BeforeAll
  static void buildRoot() {
    DebianVm.ensureRoot();
  }

  @Test
  void theGoodImagePassesEveryCheck() {
    try (DebianVm vm = DebianVm.start()) {
      LinuxCertificationResult result = certify(vm);
      // for the reader of target/surefire-reports: what a real Debian image shows each check
      result.findings().forEach(f -> System.out.println(f.ruleId().id() + " " + f.result().value() + ": " + f.evidence()));
      System.out.println("probe " + result.probeTime().toMillis() + " ms, total " + result.totalTime().toMillis() + " ms");

      assertThat(problems(result.findings())).isEmpty();
      assertThat(result.certified()).isTrue();
      assertThat(result.distribution()).isEqualTo("Debian GNU/Linux 12 (bookworm)");
      assertThat(result.hostKeyFingerprint()).isEqualTo(vm.hostKeyFingerprint());
      assertThat(result.roundTrips()).isEqualTo(LinuxVmProbe.ROUND_TRIPS).isEqualTo(1);
      // the evidence comes from the real packages, not from stubs
      assertThat(evidence(result, RuleId.LNX_AGENT_1)).isEqualTo("waagent: /usr/sbin/waagent");
      assertThat(evidence(result, RuleId.LNX_AGENT_2)).startsWith("WALinuxAgent-2.7.");
      assertThat(evidence(result, RuleId.LNX_LIB_5)).startsWith("OpenSSL 3.0.");
      assertThat(evidence(result, RuleId.LNX_SSH_1)).isEqualTo("/etc/ssh/sshd_config: ClientAliveInterval 180");
      assertThat(evidence(result, RuleId.LNX_NET_4)).isEqualTo("/etc/network/interfaces.d/eth0: iface eth0 inet dhcp");
      assertThat(evidence(result, RuleId.LNX_SEC_1)).isEqualTo("apt: no pending security update");
      assertThat(evidence(result, RuleId.LNX_SEC_5)).isEqualTo("iptables: /usr/sbin/iptables");
      assertThat(vm.log()).anyMatch(line -> line.startsWith("Accepted password for " + DebianVm.USER + " "));
    }
  }

  @Test
  void aKeyLoginSeesTheSameImage() {
    ClientKey key = TestKeys.openSsh(TestKeys.ed25519(), "debian key pass");
    try (DebianVm vm = DebianVm.start(Map.of(), List.of(), List.of(key.publicKey()))) {
      LinuxCertificationResult result = service.run(VmAccess.withPrivateKey(
          vm.host(), vm.port(), DebianVm.USER, key.privateKeyText(), "debian key pass"), null, TestPolicies.AZURE_CHINA_2015);

      assertThat(problems(result.findings())).isEmpty();
      assertThat(vm.log()).anyMatch(line -> line.startsWith("Accepted publickey for " + DebianVm.USER + " "));
    }
  }

  static Stream<Arguments> changedFiles() {
    String sshdConfig = DebianVm.imageFile("/etc/ssh/sshd_config");
    String waagentConf = DebianVm.imageFile("/etc/waagent.conf");
    String interfaces = DebianVm.imageFile("/etc/network/interfaces.d/eth0");
    return Stream.of(
        Arguments.of("sshd_config ClientAliveInterval 0",
            DebianVm.files("/etc/ssh/sshd_config", replaced(sshdConfig, "ClientAliveInterval 180", "ClientAliveInterval 0")),
            List.of(), "LNX-SSH-1 fail"),
        Arguments.of("a swap partition in /proc/swaps",
            DebianVm.files("/proc/swaps", "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n"
                + "/dev/sda2                               partition\t2097148\t\t0\t\t-2\n"),
            List.of(), "LNX-DISK-1 fail"),
        Arguments.of("waagent.conf without DeleteRootPassword",
            DebianVm.files("/etc/waagent.conf", replaced(waagentConf, "Provisioning.DeleteRootPassword=y\n", "")),
            List.of(), "LNX-GEN-2 fail"),
        Arguments.of("no console=ttyS0 on the kernel command line",
            DebianVm.files("/proc/cmdline", "BOOT_IMAGE=/boot/vmlinuz-6.1.0-31-cloud-amd64 root=LABEL=debian-root ro quiet\n"),
            List.of(), "LNX-BOOT-1 fail"),
        Arguments.of("root's shell history kept",
            DebianVm.files("/root/.bash_history", "apt-get install nginx\n".repeat(100)),
            List.of(), "LNX-SEC-4 fail"),
        Arguments.of("a fixed name server for eth0",
            DebianVm.files("/etc/network/interfaces.d/eth0", interfaces + "    dns-nameservers 10.0.0.2\n"),
            List.of(), "LNX-NET-3 fail"),
        Arguments.of("waagent removed",
            Map.of(), List.of("/usr/sbin/waagent"), "LNX-AGENT-1 fail"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changedFiles")
  void oneChangedFileFailsExactlyItsCheck(String change, Map<String, String> planted, List<String> removed, String expected) {
    List<Finding> good = goodFindings();
    try (DebianVm vm = DebianVm.start(planted, removed, List.of())) {
      LinuxCertificationResult result = certify(vm);

      String rule = expected.substring(0, expected.indexOf(' '));
      List<String> problems = problems(result.findings());
      if (rule.equals("LNX-AGENT-1")) {
        // without the agent there is no version to read either
        assertThat(problems).containsExactlyInAnyOrder(expected, "LNX-AGENT-2 fail");
      } else {
        assertThat(problems).containsExactly(expected);
      }
      assertThat(result.certified()).isFalse();
      // every other check saw exactly what it saw on the good image
      assertThat(comparable(result.findings(), problems)).isEqualTo(comparable(good, problems));
    }
  }

  @Test
  void stoppingLeavesNoProcessAndNoListener() throws Exception {
    DebianVm vm = DebianVm.start();
    int port = vm.port();
    vm.close(); // fails when a process of the run is still alive

    assertThat(vm.stopped()).isTrue();
    try (Socket socket = new Socket(vm.host(), port)) {
      throw new AssertionError("still listening on " + port);
    } catch (IOException refused) {
      // nothing listens any more
    }
  }

  private LinuxCertificationResult certify(DebianVm vm) {
    return service.run(VmAccess.withPassword(vm.host(), vm.port(), DebianVm.USER, DebianVm.PASSWORD), null, TestPolicies.AZURE_CHINA_2015);
  }

  private synchronized List<Finding> goodFindings() {
    if (goodFindings == null) {
      try (DebianVm vm = DebianVm.start()) {
        goodFindings = certify(vm).findings();
      }
    }
    return goodFindings;
  }

  private static String replaced(String text, String from, String to) {
    assertThat(text).as("the prepared image has %s", from.strip()).contains(from);
    return text.replace(from, to);
  }

  private static String evidence(LinuxCertificationResult result, RuleId rule) {
    return result.findings().stream().filter(f -> f.ruleId() == rule).findFirst().orElseThrow().evidence();
  }

  /** The LNX findings of rules that are not in {@code problems}, as rule, result, key and evidence. */
  private static List<String> comparable(List<Finding> findings, List<String> problems) {
    List<String> changedRules = problems.stream().map(p -> p.substring(0, p.indexOf(' '))).toList();
    return findings.stream()
        .filter(f -> f.ruleId().id().startsWith("LNX-") && !changedRules.contains(f.ruleId().id()))
        .map(f -> f.ruleId().id() + " " + f.result().value() + " " + f.messageKey() + " " + f.evidence())
        .toList();
  }

  private static boolean isVerdict(Finding finding) {
    return finding.messageKey().equals("CERT-3.certified") || finding.messageKey().equals("CERT-3.not-certified");
  }

  private static List<String> problems(List<Finding> findings) {
    return findings.stream()
        .filter(f -> f.result() != Result.PASS && !isVerdict(f))
        .map(f -> f.ruleId().id() + " " + f.result().value())
        .distinct()
        .toList();
  }
}
