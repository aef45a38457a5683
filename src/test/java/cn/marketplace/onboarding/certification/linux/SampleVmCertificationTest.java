package cn.marketplace.onboarding.certification.linux;

import cn.marketplace.onboarding.testsupport.TestPolicies;
import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.Result;
import cn.marketplace.onboarding.rules.RuleId;
import cn.marketplace.onboarding.rules.RuleMessages;
import cn.marketplace.onboarding.testsupport.SampleVmServer;
import cn.marketplace.onboarding.testsupport.TestKeys;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the real probe script over real SSH (JSch against Apache MINA SSHD) on each sample VM and
 * asserts exactly which rules it breaks: every finding that is not a pass is listed here.
 */
class SampleVmCertificationTest {

  private static SampleVmServer server;
  private final LinuxCertificationService service =
      new LinuxCertificationService(new LinuxVmProbe(SampleVmServer.allowingSampleVms(CertificationProperties.defaults())), new LinuxChecks());

  @BeforeAll
  static void startServer() {
    server = SampleVmServer.start(TestKeys.ed25519());
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  static Stream<Arguments> sampleVms() {
    return Stream.of(
        Arguments.of("ubuntu-22.04-good", List.of()),
        Arguments.of("centos-7-good", List.of()),
        Arguments.of("sles-15-good", List.of()),
        Arguments.of("ubuntu-22.04-swap-no-rootdelay", List.of("LNX-DISK-1 fail", "LNX-BOOT-1 warning")),
        Arguments.of("ubuntu-22.04-keepalive-0", List.of("LNX-SSH-1 fail")),
        Arguments.of("ubuntu-22.04-networkmanager", List.of("LNX-NET-1 fail")),
        Arguments.of("ubuntu-22.04-old-agent", List.of("LNX-AGENT-1 fail", "LNX-AGENT-2 fail")),
        // under the 2015 guides LNX-ARCH-1 and LNX-BOOT-1 alone name a 32-bit VM and a missing console=ttyS0 (centos-6):
        // IMG-TYPE-3 and IMG-TYPE-4 are today's
        Arguments.of("ubuntu-22.04-i686", List.of("LNX-ARCH-1 fail")),
        Arguments.of("ubuntu-22.04-not-generalized", List.of(
            "LNX-NET-3 fail", "LNX-NET-5 warning", "LNX-SEC-1 warning", "LNX-SEC-3 fail", "LNX-SEC-4 fail",
            "LNX-SEC-5 warning", "LNX-GEN-1 fail")),
        Arguments.of("centos-6-legacy", List.of(
            "LNX-LIB-1 fail", "LNX-LIB-4 fail", "LNX-LIB-5 fail", "LNX-DISK-1 warning", "LNX-BOOT-1 fail",
            "LNX-NET-3 fail", "LNX-NET-4 fail", "LNX-GEN-2 fail")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sampleVms")
  void eachSampleVmBreaksExactlyTheExpectedRules(String vm, List<String> expectedProblems) {
    server.serve(vm);
    int execRequestsBefore = server.execRequests();

    LinuxCertificationResult result = service.run(
        VmAccess.withPassword(server.host(), server.port(), SampleVmServer.USER, SampleVmServer.PASSWORD), null, TestPolicies.AZURE_CHINA_2015);

    assertThat(problems(result.findings())).containsExactlyInAnyOrderElementsOf(expectedProblems);
    assertThat(result.certified()).isEqualTo(expectedProblems.stream().noneMatch(p -> p.endsWith("fail")));
    assertThat(result.findings()).filteredOn(SampleVmCertificationTest::isVerdict).singleElement()
        .extracting(Finding::result).isEqualTo(result.certified() ? Result.PASS : Result.FAIL);
    assertThat(result.findings()).filteredOn(f -> f.ruleId() == RuleId.CERT_2).singleElement()
        .extracting(Finding::result).isEqualTo(Result.PASS);
    assertThat(result.findings()).allSatisfy(f -> assertThat(f.subject()).isEqualTo("vm"));

    assertThat(result.roundTrips()).isEqualTo(LinuxVmProbe.ROUND_TRIPS).isEqualTo(1);
    assertThat(server.execRequests() - execRequestsBefore).isEqualTo(1);
    assertThat(result.hostKeyFingerprint()).startsWith("SHA256:");
  }

  @Test
  void aTestVmDeployedFromAGoodImagePassesEveryLinuxRule() {
    server.serve("ubuntu-22.04-good");

    LinuxCertificationResult result = service.run(
        VmAccess.withPassword(server.host(), server.port(), SampleVmServer.USER, SampleVmServer.PASSWORD), null,
        TestPolicies.AZURE_CHINA_2015);

    assertThat(result.findings()).as("DEPLOY-1: the test VM deployed from the image is where each rule is shown")
        .filteredOn(f -> f.result() == Result.PASS).extracting(Finding::ruleId)
        .contains(RuleId.LNX_AGENT_1, RuleId.LNX_AGENT_2, RuleId.LNX_LIB_1, RuleId.LNX_LIB_2, RuleId.LNX_LIB_3,
            RuleId.LNX_LIB_4, RuleId.LNX_LIB_5, RuleId.LNX_DISK_1, RuleId.LNX_BOOT_1, RuleId.LNX_SSH_1,
            RuleId.LNX_NET_1, RuleId.LNX_NET_2, RuleId.LNX_NET_3, RuleId.LNX_NET_4, RuleId.LNX_NET_5,
            RuleId.LNX_SEC_1, RuleId.LNX_SEC_3, RuleId.LNX_SEC_4, RuleId.LNX_SEC_5, RuleId.LNX_GEN_1,
            RuleId.LNX_GEN_2, RuleId.LNX_ARCH_1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sampleVms")
  void everyFindingReadsInBothLanguagesAndShowsNoSecret(String vm, List<String> ignored) {
    server.serve(vm);

    LinuxCertificationResult result = service.run(
        VmAccess.withPassword(server.host(), server.port(), SampleVmServer.USER, SampleVmServer.PASSWORD), null, TestPolicies.AZURE_CHINA_2015);

    for (Finding finding : result.findings()) {
      var messages = RuleMessages.renderAll(finding);
      assertThat(messages.get("en")).startsWith("[" + finding.ruleId().id() + "] ").doesNotContain("{");
      assertThat(messages.get("zh-CN")).startsWith("[" + finding.ruleId().id() + "] ").doesNotContain("{");
      assertThat(messages.get("zh-CN")).isNotEqualTo(messages.get("en"));
      String shown = String.join(" ", messages.values()) + " " + finding.evidence();
      assertThat(shown).doesNotContain(SampleVmServer.PASSWORD).doesNotContain("$6$").doesNotContain("Hash");
    }
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
