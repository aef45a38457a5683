package cn.marketplace.onboarding.certification.linux;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import cn.marketplace.onboarding.testsupport.TestPolicies;
import cn.marketplace.onboarding.certification.policy.CertificationPolicy;
import cn.marketplace.onboarding.rules.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Boundaries and distribution cases of single checks, on reports written by hand. */
class LinuxChecksTest {

  private static final CertificationPolicy G2015 = TestPolicies.AZURE_CHINA_2015;
  private static final CertificationPolicy TODAY = TestPolicies.AZURE_CURRENT;

  @ParameterizedTest(name = "ClientAliveInterval {0}: 2015 {1}, today {2}")
  @CsvSource({"20, fail, pass", "1, fail, pass", "180, pass, pass", "120, warning, pass", "236, fail, fail", "0, fail, fail"})
  void thePoliciesDisagreeOnClientAliveInterval(String value, String in2015, String today) throws ProbeParseException {
    ProbeReport report = RecordedProbe.of(sshdConfig("ClientAliveInterval " + value));

    assertThat(NetworkChecks.sshKeepAlive(report, G2015.thresholds(RuleId.LNX_SSH_1)).result()).isEqualTo(Result.of(in2015));
    assertThat(NetworkChecks.sshKeepAlive(report, TODAY.thresholds(RuleId.LNX_SSH_1)).result()).isEqualTo(Result.of(today));
  }

  @ParameterizedTest(name = "Python {0}: 2015 {1}, today {2}")
  @CsvSource({"3.8.10, pass, fail", "3.9.18, pass, warning", "3.11.2, pass, pass", "2.7.18, pass, fail", "2.5, fail, fail"})
  void thePoliciesDisagreeOnPython(String version, String in2015, String today) throws ProbeParseException {
    ProbeReport report = RecordedProbe.of("@@section python python3\n@@attr version=Python " + version + "\n@@end\n");

    assertThat(AgentAndLibraryChecks.python(report, G2015.thresholds(RuleId.LNX_LIB_3)).result()).isEqualTo(Result.of(in2015));
    assertThat(AgentAndLibraryChecks.python(report, TODAY.thresholds(RuleId.LNX_LIB_3)).result()).isEqualTo(Result.of(today));
  }

  @ParameterizedTest(name = "{0}: today {1}")
  @CsvSource({"OpenSSL 3.0.15 3 Sep 2024, pass", "OpenSSL 1.1.1w  11 Sep 2023, pass", "OpenSSL 1.0.2k-fips  26 Jan 2017, pass",
      "OpenSSL 1.1.0l  10 Sep 2019, fail", "OpenSSL 1.0.1e-fips 11 Feb 2013, fail"})
  void todayOpenSslThreeOrAVersionWithExtendedSupport(String line, String today) throws ProbeParseException {
    ProbeReport report = RecordedProbe.of("@@section openssl\n@@attr exit=0\n|" + line + "\n@@end\n");

    assertThat(AgentAndLibraryChecks.openssl(report, TODAY.thresholds(RuleId.LNX_LIB_5)).result()).isEqualTo(Result.of(today));
    assertThat(AgentAndLibraryChecks.openssl(report, G2015.thresholds(RuleId.LNX_LIB_5)).result()).isEqualTo(Result.PASS);
  }

  @Test
  void anOldAgentPassesTodayOnlyWithAutoUpdateOn() throws ProbeParseException {
    String version = "@@section waagent-version\n|WALinuxAgent - 2.2.45\n@@end\n";
    String autoUpdate = "@@section file /etc/waagent.conf\n|AutoUpdate.Enabled=y\n@@end\n";

    assertThat(AgentAndLibraryChecks.agentVersion(RecordedProbe.of(version), TODAY.thresholds(RuleId.LNX_AGENT_2)).result())
        .isEqualTo(Result.FAIL);
    assertThat(AgentAndLibraryChecks.agentVersion(RecordedProbe.of(version + autoUpdate), TODAY.thresholds(RuleId.LNX_AGENT_2))
        .messageKey()).isEqualTo("LNX-AGENT-2.auto-update");
    assertThat(AgentAndLibraryChecks.agentVersion(RecordedProbe.of(version), G2015.thresholds(RuleId.LNX_AGENT_2)).result())
        .isEqualTo(Result.PASS);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {
      "Defaults targetpw; fail", "Defaults   env_reset,targetpw; fail", "Defaults !targetpw; pass",
      "# Defaults targetpw; pass", "Defaults env_reset; pass"})
  void targetpwIsOffToday(String line, String expected) throws ProbeParseException {
    ProbeReport report = RecordedProbe.of("@@section sudoers\n|/etc/sudoers: " + line + "\n@@end\n");

    assertThat(SecurityAndGeneralizationChecks.targetpw(report).result()).isEqualTo(Result.of(expected));
  }

  @Test
  void onlyTheStockForcedCommandMayStayInAuthorizedKeys() throws ProbeParseException {
    String keys = "@@section authorized-keys\n|root 1 1 /root/.ssh/authorized_keys\n"
        + "|certifier 2 0 /home/certifier/.ssh/authorized_keys\n";

    assertThat(SecurityAndGeneralizationChecks.authorizedKeys(RecordedProbe.of(keys + "@@end\n"), "certifier").result())
        .isEqualTo(Result.PASS);
    Finding builder = SecurityAndGeneralizationChecks.authorizedKeys(
        RecordedProbe.of(keys + "|builder 1 0 /home/builder/.ssh/authorized_keys\n@@end\n"), "certifier");
    assertThat(builder.result()).isEqualTo(Result.FAIL);
    assertThat(builder.evidence()).isEqualTo("/home/builder/.ssh/authorized_keys (1 key(s))");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = ';', value = {"@@attr omiserver=/opt/omi/bin/omiserver: OMI-1.6.8-0 - Tue Jul 27; fail",
      "@@attr omiserver=/opt/omi/bin/omiserver: OMI-1.6.8-1 - Fri Sep 10; pass",
      "@@attr package=install ok installed 1.9.1.0; pass", "@@attr package=; pass"})
  void omiIsNotOlderThanTheOmigodFix(String attribute, String expected) throws ProbeParseException {
    ProbeReport report = RecordedProbe.of("@@section omi\n" + attribute + "\n@@end\n");

    assertThat(PlatformChecks.omi(report, TODAY.thresholds(RuleId.LNX_OMI_1)).result()).isEqualTo(Result.of(expected));
  }

  @Test
  void aSwapFileIsItsOwnRuleThatOnlyTodayApplies() throws ProbeParseException {
    String swaps = "@@section file /proc/swaps\n|Filename Type Size Used Priority\n|/swapfile file 2097148 0 -2\n@@end\n";

    // LNX-DISK-1 is about partitions: a swap file is not one
    assertThat(DiskAndBootChecks.disks(RecordedProbe.of(swaps))).extracting(Finding::messageKey).doesNotContain("LNX-DISK-1.swap");
    Finding swapFile = DiskAndBootChecks.swapFiles(RecordedProbe.of(swaps));
    assertThat(swapFile.result()).isEqualTo(Result.FAIL);
    assertThat(G2015.judge(java.util.List.of(swapFile))).isEmpty();
    assertThat(TODAY.judge(java.util.List.of(swapFile))).extracting(Finding::result).containsExactly(Result.FAIL);
  }


  @ParameterizedTest
  @CsvSource({"180, pass", "3m, pass", "30, warning", "235, warning", "120, warning", "29, fail", "236, fail",
      "0, fail", "abc, fail"})
  void clientAliveIntervalBounds(String value, String expected) throws ProbeParseException {
    ProbeReport report = RecordedProbe.of(sshdConfig("ClientAliveInterval " + value));

    assertThat(NetworkChecks.sshKeepAlive(report, G2015.thresholds(RuleId.LNX_SSH_1)).result()).isEqualTo(Result.of(expected));
  }

  @Test
  void sshDisabledOnPurposeNeedsNoKeepAlive() throws ProbeParseException {
    ProbeReport report = RecordedProbe.of("""
        @@section services
        @@attr ssh.enabled=disabled
        @@attr sshd.enabled=masked
        @@end
        """);

    Finding finding = NetworkChecks.sshKeepAlive(report, G2015.thresholds(RuleId.LNX_SSH_1));
    assertThat(finding.result()).isEqualTo(Result.PASS);
    assertThat(finding.messageKey()).isEqualTo("LNX-SSH-1.disabled");
    assertThat(finding.evidence()).contains("disabled");
  }

  @Test
  void missingKeepAliveFails() throws ProbeParseException {
    assertThat(NetworkChecks.sshKeepAlive(RecordedProbe.of(sshdConfig("UsePAM yes")), G2015.thresholds(RuleId.LNX_SSH_1)).messageKey()).isEqualTo("LNX-SSH-1.not-set");
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

    Finding finding = DiskAndBootChecks.disks(RecordedProbe.of(fstab)).get(0);

    assertThat(finding.result()).isEqualTo(Result.FAIL);
    assertThat(finding.evidence()).isEqualTo("UUID=abc");
  }

  @Test
  void unreadableShadowFailsAndNamesWhatIsNeeded() throws ProbeParseException {
    Finding finding = SecurityAndGeneralizationChecks.accounts(RecordedProbe.of("@@section shadow\n@@attr readable=no\n@@end\n"), "certifier",
        G2015.thresholds(RuleId.LNX_SEC_3));

    assertThat(finding.result()).isEqualTo(Result.FAIL);
    assertThat(finding.messageKey()).isEqualTo("LNX-SEC-3.unreadable");
  }

  private Result netResult(String sections) throws ProbeParseException {
    ProbeReport report = RecordedProbe.of(sections);
    return NetworkChecks.networkManager(report, Distribution.of(report)).result();
  }

  private Result agentVersion(String versionLine) throws ProbeParseException {
    return AgentAndLibraryChecks.agentVersion(RecordedProbe.of("@@section waagent-version\n|" + versionLine + "\n@@end\n"),
        G2015.thresholds(RuleId.LNX_AGENT_2)).result();
  }

  private static String sshdConfig(String line) {
    return "@@section file /etc/ssh/sshd_config\n|" + line + "\n@@end\n";
  }

  private static String osRelease(String content) {
    return "@@section file /etc/os-release\n|" + content.replace("\n", "\n|") + "\n@@end\n";
  }
}
