package cn.marketplace.onboarding.certification.linux;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Boundaries and distribution cases of single checks, on reports written by hand. */
class LinuxChecksTest {

  @ParameterizedTest
  @CsvSource({"180, pass", "3m, pass", "30, warning", "235, warning", "120, warning", "29, fail", "236, fail",
      "0, fail", "abc, fail"})
  void clientAliveIntervalBounds(String value, String expected) throws ProbeParseException {
    ProbeReport report = report(sshdConfig("ClientAliveInterval " + value));

    assertThat(NetworkChecks.sshKeepAlive(report).result()).isEqualTo(Result.of(expected));
  }

  @Test
  void sshDisabledOnPurposeNeedsNoKeepAlive() throws ProbeParseException {
    ProbeReport report = report("""
        @@section services
        @@attr ssh.enabled=disabled
        @@attr sshd.enabled=masked
        @@end
        """);

    Finding finding = NetworkChecks.sshKeepAlive(report);
    assertThat(finding.result()).isEqualTo(Result.PASS);
    assertThat(finding.messageKey()).isEqualTo("LNX-SSH-1.disabled");
    assertThat(finding.evidence()).contains("disabled");
  }

  @Test
  void missingKeepAliveFails() throws ProbeParseException {
    assertThat(NetworkChecks.sshKeepAlive(report(sshdConfig("UsePAM yes"))).messageKey()).isEqualTo("LNX-SSH-1.not-set");
  }

  @Test
  void networkManagerStaysOnOnlyOnCentOs7AndDerivatives() throws ProbeParseException {
    String nmOn = "@@section services\n@@attr NetworkManager.enabled=enabled\n@@end\n";
    String nmOff = "@@section services\n@@attr NetworkManager.enabled=disabled\n@@end\n";
    String centos7 = osRelease("ID=\"centos\"\nID_LIKE=\"rhel fedora\"\nVERSION_ID=\"7\"");
    String derivative = osRelease("ID=\"myos\"\nID_LIKE=\"centos rhel fedora\"\nVERSION_ID=\"7.9\"");
    String rhel8 = osRelease("ID=\"rhel\"\nID_LIKE=\"fedora\"\nVERSION_ID=\"8.9\"");

    assertThat(netResult(centos7 + nmOn)).isEqualTo(Result.PASS);
    assertThat(netResult(derivative + nmOn)).isEqualTo(Result.PASS);
    assertThat(netResult(centos7 + nmOff)).isEqualTo(Result.WARNING);
    assertThat(netResult(rhel8 + nmOn)).isEqualTo(Result.FAIL);
    assertThat(netResult(rhel8 + nmOff)).isEqualTo(Result.PASS);
  }

  @Test
  void agentVersionBoundary() throws ProbeParseException {
    assertThat(agentVersion("WALinuxAgent - 2.2.41")).isEqualTo(Result.PASS);
    assertThat(agentVersion("WALinuxAgent - 2.2.40.9")).isEqualTo(Result.FAIL);
    assertThat(agentVersion("WALinuxAgent-2.0.16 running on ubuntu 14.04")).isEqualTo(Result.FAIL);
    assertThat(agentVersion("WALinuxAgent - 2.10.0.8")).isEqualTo(Result.PASS);
    assertThat(agentVersion("garbage")).isEqualTo(Result.FAIL);
  }

  @Test
  void swapInFstabOnlyIsStillASwapPartitionButASwapFileIsNot() throws ProbeParseException {
    String fstab = "@@section file /etc/fstab\n|UUID=abc none swap sw 0 0\n|/swapfile none swap sw 0 0\n@@end\n";

    Finding finding = DiskAndBootChecks.disks(report(fstab)).get(0);

    assertThat(finding.result()).isEqualTo(Result.FAIL);
    assertThat(finding.evidence()).isEqualTo("UUID=abc");
  }

  @Test
  void unreadableShadowFailsAndNamesWhatIsNeeded() throws ProbeParseException {
    Finding finding = SecurityAndGeneralizationChecks.accounts(report("@@section shadow\n@@attr readable=no\n@@end\n"), "certifier");

    assertThat(finding.result()).isEqualTo(Result.FAIL);
    assertThat(finding.messageKey()).isEqualTo("LNX-SEC-3.unreadable");
  }

  private Result netResult(String sections) throws ProbeParseException {
    ProbeReport report = report(sections);
    return NetworkChecks.networkManager(report, Distribution.of(report)).result();
  }

  private Result agentVersion(String versionLine) throws ProbeParseException {
    return AgentAndLibraryChecks.agentVersion(report("@@section waagent-version\n|" + versionLine + "\n@@end\n")).result();
  }

  private static String sshdConfig(String line) {
    return "@@section file /etc/ssh/sshd_config\n|" + line + "\n@@end\n";
  }

  private static String osRelease(String content) {
    return "@@section file /etc/os-release\n|" + content.replace("\n", "\n|") + "\n@@end\n";
  }

  private static ProbeReport report(String sections) throws ProbeParseException {
    return ProbeReport.parse("@@probe-begin 1\n" + sections + "@@probe-end\n");
  }
}
