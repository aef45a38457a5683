package cn.marketplace.onboarding.certification.linux;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.certification.policy.CertificationPolicy;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.Result;
import cn.marketplace.onboarding.rules.RuleId;
import cn.marketplace.onboarding.rules.RuleMessages;
import cn.marketplace.onboarding.testsupport.TestPolicies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * LNX-KERN-1 and LNX-NET-7 judged on recorded probe output, by the thresholds of the shipped
 * {@code azure-current} policy: per family of Microsoft's kernel table a kernel that passes and one that
 * fails, Oracle's two kernels, the sysctl path and a kernel in no row; SUSE's DHCP client setting.
 */
class KernelAndDhcpChecksTest {

  private static final CertificationPolicy TODAY = TestPolicies.AZURE_CURRENT;

  @ParameterizedTest(name = "{0} {1}, {2}: {3}")
  @CsvSource(delimiter = '|', value = {
      // Ubuntu
      "ubuntu | 16.04 | 4.15.0-1049-azure | table | Ubuntu 16.04 LTS",
      "ubuntu | 16.04 | 4.15.0-1048-azure | too-old | Ubuntu 16.04 LTS",
      "ubuntu | 14.04 | 4.4.0-151-generic | table | Ubuntu 14.04 LTS",
      "ubuntu | 14.04 | 4.4.0-150-generic | too-old | Ubuntu 14.04 LTS",
      "ubuntu | 18.04 | 5.0.0-1025-azure | table | Ubuntu 18.04 LTS (5.0)",
      "ubuntu | 18.04 | 4.18.0-1022-azure | too-old | Ubuntu 18.04 LTS (4.18)",
      // RHEL and CentOS: the build suffix is not a number of the version
      "rhel | 7.6 | 3.10.0-957.21.3.el7.x86_64 | table | RHEL and CentOS 7.6",
      "rhel | 7.6 | 3.10.0-957.el7.x86_64 | too-old | RHEL and CentOS 7.6",
      "rhel | 8.1 | 4.18.0-147.el8.x86_64 | table | RHEL and CentOS 8.1",
      "rhel | 6.10 | 2.6.32-754.14.2.el6.x86_64 | too-old | RHEL and CentOS 6.10",
      // SLES: uname -r leaves out the package's last number (kernel-azure 4.12.14-5.30.1 runs as 4.12.14-5.30-azure)
      "sles | 15 | 4.12.14-5.30-azure | table | SLES 15 (kernel-azure)",
      "sles | 15 | 4.12.14-5.27-azure | too-old | SLES 15 (kernel-azure)",
      "sles | 12.3 | 4.4.180-4.31-azure | table | SLES 12 SP3 (kernel-azure)",
      "sles_sap | 12.4 | 4.12.14-95.16-default | too-old | SLES 12 SP4 for SAP",
      // Oracle: UEK and the Red Hat compatible kernel have rows of their own
      "ol | 7.6 | 4.14.35-1902.2.0.el7uek.x86_64 | table | Oracle Linux 7.6 UEK5",
      "ol | 7.6 | 4.14.35-1844.4.5.el7uek.x86_64 | too-old | Oracle Linux 7.6 UEK5",
      "ol | 7.6 | 3.10.0-957.21.3.el7.x86_64 | table | Oracle Linux 7.6 RHCK",
      "ol | 7.6 | 3.10.0-957.10.1.el7.x86_64 | too-old | Oracle Linux 7.6 RHCK",
      "ol | 6.10 | 3.8.13-118.35.2.el6uek.x86_64 | table | Oracle Linux 6.10 UEK3",
      "ol | 6.10 | 2.6.32-754.15.2.el6.x86_64 | too-old | Oracle Linux 6.10 RHCK",
      // CoreOS
      "coreos | 2079.6.0 | 4.19.43-coreos | table | CoreOS Stable 2079.6.0",
      "coreos | 2135.3.1 | 4.19.43-coreos | too-old | CoreOS Beta 2135.3.1"})
  void eachTableRowPassesItsMinimumAndFailsBelowIt(String id, String version, String release, String expected,
      String row) throws ProbeParseException {
    Finding finding = check(osRelease(id, version) + uname(release, null, false));

    assertThat(finding.messageKey()).isEqualTo("LNX-KERN-1." + expected);
    assertThat(finding.result()).isEqualTo(expected.equals("table") ? Result.PASS : Result.FAIL);
    assertThat(finding.evidence()).contains("uname -r: " + release).contains(row);
    assertThat(RuleMessages.renderAll(finding).get("en")).contains(row).doesNotContain("{");
  }

  @Test
  void aRowAppliesOnlyToItsSeriesAndItsOracleFlavour() throws ProbeParseException {
    // an Oracle 7.6 UEK4 kernel: neither the UEK5 row (4.14) nor the RHCK row (3.10) is its own
    Finding uek4 = check(osRelease("ol", "7.6") + uname("4.1.12-124.28.3.el7uek.x86_64", null, false));
    // the RHCK row's series, but a UEK release: not the RHCK row
    Finding uekNamedLikeRhck = check(osRelease("ol", "7.6") + uname("3.10.0-957.21.3.el7uek.x86_64", null, false));

    assertThat(uek4.messageKey()).isEqualTo("LNX-KERN-1.not-listed");
    assertThat(uekNamedLikeRhck.messageKey()).isEqualTo("LNX-KERN-1.not-listed");
  }

  @Test
  void centOsTakesItsMinorVersionFromItsReleaseFile() throws ProbeParseException {
    String centOs7 = osRelease("centos", "7")
        + "@@section file /etc/centos-release\n|CentOS Linux release 7.6.1810 (Core)\n@@end\n";

    assertThat(check(centOs7 + uname("3.10.0-957.21.3.el7.x86_64", null, false)).messageKey())
        .isEqualTo("LNX-KERN-1.table");
    assertThat(check(centOs7 + uname("3.10.0-957.1.3.el7.x86_64", null, false)).messageKey())
        .isEqualTo("LNX-KERN-1.too-old");
  }

  @Test
  void debianRowsReadThePackageVersionFromProcVersionNotTheCompilers() throws ProbeParseException {
    String stretch = osRelease("debian", "9");
    String patched = "Linux version 4.9.0-9-amd64 (debian-kernel@lists.debian.org) (gcc version 6.3.0 20170516"
        + " (Debian 6.3.0-18+deb9u1) ) #1 SMP Debian 4.9.168-1+deb9u3 (2019-06-16)";
    String unpatched = patched.replace("4.9.168-1+deb9u3", "4.9.168-1+deb9u2");

    Finding pass = check(stretch + uname("4.9.0-9-amd64", patched, false));
    Finding fail = check(stretch + uname("4.9.0-9-amd64", unpatched, false));

    assertThat(pass.messageKey()).isEqualTo("LNX-KERN-1.table");
    assertThat(pass.evidence()).contains("Debian 4.9.168-1+deb9u3").contains("Debian stretch (security)");
    assertThat(fail.messageKey()).isEqualTo("LNX-KERN-1.too-old");
    assertThat(RuleMessages.renderAll(fail).get("en")).contains("4.9.168-1+deb9u2").contains("4.9.168-1+deb9u3");
  }

  @Test
  void aKernelInNoRowPassesWithTheFixSysctlAndFailsWithoutIt() throws ProbeParseException {
    String bookworm = osRelease("debian", "12");

    Finding withSysctl = check(bookworm + uname("6.1.0-31-cloud-amd64", null, true));
    Finding without = check(bookworm + uname("6.1.0-31-cloud-amd64", null, false));

    assertThat(withSysctl.result()).isEqualTo(Result.PASS);
    assertThat(withSysctl.messageKey()).isEqualTo("LNX-KERN-1.sysctl");
    assertThat(withSysctl.evidence())
        .isEqualTo("net.ipv4.tcp_min_snd_mss present: the 2019 fix set (NFLX-2019-001)");
    assertThat(without.result()).isEqualTo(Result.FAIL);
    assertThat(without.messageKey()).isEqualTo("LNX-KERN-1.not-listed");
    assertThat(RuleMessages.renderAll(without).get("en")).contains("6.1.0-31-cloud-amd64").contains("patch it");
    assertThat(RuleMessages.renderAll(without).get("zh-CN")).contains("6.1.0-31-cloud-amd64").contains("支持团队");
  }

  @Test
  void aDistributionNotInTheTableFailsWithoutTheSysctlEvenWithANewKernel() throws ProbeParseException {
    Finding finding = check(osRelease("arch", "") + uname("6.12.1-arch1-1", null, false));

    assertThat(finding.result()).isEqualTo(Result.FAIL);
    assertThat(finding.messageKey()).isEqualTo("LNX-KERN-1.not-listed");
  }

  @Test
  void aTableKernelWithTheSysctlPassesByTheTable() throws ProbeParseException {
    Finding finding = check(osRelease("ubuntu", "16.04") + uname("4.15.0-1050-azure", null, true));

    assertThat(finding.messageKey()).isEqualTo("LNX-KERN-1.table");
  }

  @Test
  void noKernelReleaseAndNoSysctlFails() throws ProbeParseException {
    assertThat(check(osRelease("ubuntu", "16.04")).messageKey()).isEqualTo("LNX-KERN-1.unknown");
  }

  // LNX-NET-7

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "present | DHCLIENT_SET_HOSTNAME=\"no\" | ok",
      "present | DHCLIENT_SET_HOSTNAME=no  # set by the image build | ok",
      "present | DHCLIENT_SET_HOSTNAME=\"yes\" | sets-hostname",
      "present | #DHCLIENT_SET_HOSTNAME=\"no\" | not-set",
      "present | '' | not-set",
      "absent | '' | missing",
      "unreadable | '' | unreadable"})
  void suseMustKeepItsDhcpClientFromSettingTheHostname(String file, String line, String expected)
      throws ProbeParseException {
    String dhcp = "@@section suse-dhcp\n@@attr file=" + file + "\n" + (line.isEmpty() ? "" : "|" + line + "\n") + "@@end\n";

    Finding finding = NetworkChecks.suseDhcpHostname(RecordedProbe.of(osRelease("sles", "15.5") + dhcp),
        Distribution.of(RecordedProbe.of(osRelease("sles", "15.5"))));

    assertThat(finding.messageKey()).isEqualTo("LNX-NET-7." + expected);
    assertThat(finding.result()).isEqualTo(expected.equals("ok") ? Result.PASS : Result.FAIL);
    assertThat(finding.evidence()).contains("/etc/sysconfig/network/dhcp");
    if (!line.isEmpty()) {
      assertThat(finding.evidence()).contains(line.strip().replaceAll("\\s+#.*", ""));
    }
  }

  @Test
  void theLastAssignmentOfTheSourcedFileCounts() throws ProbeParseException {
    String dhcp = "@@section suse-dhcp\n@@attr file=present\n|DHCLIENT_SET_HOSTNAME=\"no\"\n"
        + "|DHCLIENT_SET_HOSTNAME=\"yes\"\n@@end\n";

    Finding finding = NetworkChecks.suseDhcpHostname(RecordedProbe.of(dhcp), Distribution.of(RecordedProbe.of(osRelease("sles", "15.5"))));

    assertThat(finding.messageKey()).isEqualTo("LNX-NET-7.sets-hostname");
  }

  @Test
  void otherDistributionsPassAsNotSuse() throws ProbeParseException {
    ProbeReport ubuntu = RecordedProbe.of(osRelease("ubuntu", "22.04") + "@@section suse-dhcp\n@@attr file=absent\n@@end\n");

    Finding finding = NetworkChecks.suseDhcpHostname(ubuntu, Distribution.of(ubuntu));

    assertThat(finding.result()).isEqualTo(Result.PASS);
    assertThat(finding.messageKey()).isEqualTo("LNX-NET-7.not-suse");
  }

  @Test
  void theTwoRulesApplyTodayOnly() {
    assertThat(TODAY.applies(RuleId.LNX_KERN_1)).isTrue();
    assertThat(TODAY.applies(RuleId.LNX_NET_7)).isTrue();
    assertThat(TestPolicies.AZURE_CHINA_2015.applies(RuleId.LNX_KERN_1)).isFalse();
    assertThat(TestPolicies.AZURE_CHINA_2015.applies(RuleId.LNX_NET_7)).isFalse();
  }

  private static Finding check(String sections) throws ProbeParseException {
    ProbeReport report = RecordedProbe.of(sections);
    return KernelChecks.sackFixes(report, Distribution.of(report), TODAY.thresholds(RuleId.LNX_KERN_1));
  }

  private static String uname(String release, String procVersion, boolean fixSysctl) {
    return "@@section uname\n@@attr machine=x86_64\n@@attr kernel=" + release + "\n"
        + (procVersion == null ? "" : "@@attr proc-version=" + procVersion + "\n")
        + "@@attr tcp_min_snd_mss=" + (fixSysctl ? "present" : "absent") + "\n@@end\n";
  }

  private static String osRelease(String id, String versionId) {
    return "@@section file /etc/os-release\n|ID=\"" + id + "\"\n|VERSION_ID=\"" + versionId + "\"\n"
        + "|PRETTY_NAME=\"" + id + " " + versionId + "\"\n@@end\n";
  }
}
