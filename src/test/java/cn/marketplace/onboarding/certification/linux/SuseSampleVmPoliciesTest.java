package cn.marketplace.onboarding.certification.linux;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.certification.policy.CertificationPolicy;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.Result;
import cn.marketplace.onboarding.rules.RuleId;
import cn.marketplace.onboarding.testsupport.SampleVmServer;
import cn.marketplace.onboarding.testsupport.TestKeys;
import cn.marketplace.onboarding.testsupport.TestPolicies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SLES 15 sample VM over real SSH, judged by both policies for LNX-NET-7 (SUSE's DHCP client must
 * not set the host name) and LNX-KERN-1 (the TCP SACK fixes): the sample as prepared passes; each way of
 * breaking {@code /etc/sysconfig/network/dhcp} fails under {@code azure-current}; the 2015 policy applies neither.
 */
class SuseSampleVmPoliciesTest {

  private static final String DHCP = "etc/sysconfig/network/dhcp";
  private static SampleVmServer server;
  private final LinuxVmProbe probe = new LinuxVmProbe(SampleVmServer.allowingSampleVms(CertificationProperties.defaults()));
  private final LinuxCertificationService service = new LinuxCertificationService(probe, new LinuxChecks());

  @BeforeAll
  static void startServer() {
    server = SampleVmServer.start(TestKeys.ed25519());
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @Test
  void thePreparedSampleSatisfiesBothRulesToday() throws Exception {
    server.serve("sles-15-good");

    List<Finding> today = certify(TestPolicies.AZURE_CURRENT);

    Finding dhcp = finding(today, RuleId.LNX_NET_7);
    assertThat(dhcp.result()).isEqualTo(Result.PASS);
    assertThat(dhcp.evidence()).isEqualTo("/etc/sysconfig/network/dhcp: DHCLIENT_SET_HOSTNAME=\"no\"");
    Finding kernel = finding(today, RuleId.LNX_KERN_1);
    assertThat(kernel.messageKey()).isEqualTo("LNX-KERN-1.sysctl");
    assertThat(kernel.result()).isEqualTo(Result.PASS);
    assertThat(certify(TestPolicies.AZURE_CHINA_2015)).extracting(Finding::ruleId)
        .doesNotContain(RuleId.LNX_NET_7, RuleId.LNX_KERN_1);
  }

  @Test
  void theProbeSendsOnlyTheHostnameLineOfTheDhcpFile() throws Exception {
    server.serve("sles-15-good");

    String output = probe.run(access(), null).completeOutput();

    ProbeReport report = ProbeReport.parse(output);
    assertThat(report.section("suse-dhcp").orElseThrow().lines()).containsExactly("DHCLIENT_SET_HOSTNAME=\"no\"");
    assertThat(report.file("/" + DHCP)).isEmpty();
    assertThat(output).doesNotContain("DHCLIENT_BIN").doesNotContain("Azure sets");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "DHCLIENT_SET_HOSTNAME=\"yes\" | LNX-NET-7.sets-hostname",
      "#DHCLIENT_SET_HOSTNAME=\"no\" | LNX-NET-7.not-set",
      "removed | LNX-NET-7.missing"})
  void eachBrokenDhcpFileFailsToday(String change, String expected) throws Exception {
    server.serve("sles-15-good");
    Path dhcp = server.vmDirectory().resolve(DHCP);
    if (change.equals("removed")) {
      Files.delete(dhcp);
    } else {
      replaceLine(dhcp, "DHCLIENT_SET_HOSTNAME=\"no\"", change);
    }

    Finding finding = finding(certify(TestPolicies.AZURE_CURRENT), RuleId.LNX_NET_7);

    assertThat(finding.result()).isEqualTo(Result.FAIL);
    assertThat(finding.messageKey()).isEqualTo(expected);
    assertThat(finding.evidence()).startsWith("/etc/sysconfig/network/dhcp: ")
        .contains(change.equals("removed") ? "missing" : change);
    assertThat(certify(TestPolicies.AZURE_CHINA_2015)).extracting(Finding::ruleId).doesNotContain(RuleId.LNX_NET_7);
  }

  @Test
  void withoutTheFixSysctlTheSlesKernelIsNotInTheTableAndFailsToday() throws Exception {
    server.serve("sles-15-good");
    Files.delete(server.vmDirectory().resolve("proc/sys/net/ipv4/tcp_min_snd_mss"));

    Finding kernel = finding(certify(TestPolicies.AZURE_CURRENT), RuleId.LNX_KERN_1);

    assertThat(kernel.result()).isEqualTo(Result.FAIL);
    assertThat(kernel.messageKey()).isEqualTo("LNX-KERN-1.not-listed");
    assertThat(kernel.evidence()).contains("uname -r: 5.14.21-150500.33.51-azure");
  }

  private List<Finding> certify(CertificationPolicy policy) {
    return service.run(access(), null, policy).findings();
  }

  private static VmAccess access() {
    return VmAccess.withPassword(server.host(), server.port(), SampleVmServer.USER, SampleVmServer.PASSWORD);
  }

  private static Finding finding(List<Finding> findings, RuleId rule) {
    return findings.stream().filter(f -> f.ruleId() == rule).findFirst().orElseThrow(() -> new AssertionError(rule + " not judged"));
  }

  private static void replaceLine(Path file, String line, String replacement) throws IOException {
    String content = Files.readString(file);
    assertThat(content).contains(line);
    Files.writeString(file, content.replace(line, replacement));
  }
}
