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

/** LNX-BOOT-2 on recorded probe output: forbidden parameters, and numa=off on Red Hat and CentOS before 6.6. */
class BootParametersTest {

  private static final CertificationPolicy TODAY = TestPolicies.AZURE_CURRENT;

  @ParameterizedTest(name = "{0}, cmdline \"{1}\": {2}")
  @CsvSource(delimiter = '|', value = {
      "CentOS release 6.5 (Final) | ro root=/dev/sda1 console=ttyS0 | numa",
      "CentOS release 6.5 (Final) | ro root=/dev/sda1 console=ttyS0 numa=off | ok",
      "Red Hat Enterprise Linux Server release 6.4 (Santiago) | ro console=ttyS0 | numa",
      "CentOS release 6.6 (Final) | ro root=/dev/sda1 console=ttyS0 | ok",
      "CentOS release 6.10 (Final) | ro root=/dev/sda1 console=ttyS0 | ok",
      "CentOS release 6.5 (Final) | ro console=ttyS0 libata.atapi_enabled=0 numa=off | forbidden"})
  void redHatBefore66BootsWithNumaOff(String release, String cmdline, String expected) throws ProbeParseException {
    ProbeReport report = RecordedProbe.of("@@section file /etc/redhat-release\n|" + release + "\n@@end\n"
        + "@@section file /proc/cmdline\n|" + cmdline + "\n@@end\n");

    Finding finding = check(report);

    assertThat(finding.messageKey()).isEqualTo("LNX-BOOT-2." + expected);
    assertThat(finding.result()).isEqualTo(expected.equals("ok") ? Result.PASS : Result.FAIL);
    assertThat(RuleMessages.renderAll(finding).get("en")).doesNotContain("{");
    if (expected.equals("numa")) {
      assertThat(RuleMessages.renderAll(finding).get("en")).contains("numa=off", "6.6");
      assertThat(finding.evidence()).contains(release.replaceAll(".*release (\\d+\\.\\d+).*", "$1"));
    }
  }

  @Test
  void numaOffInTheBootLoaderCountsToo() throws ProbeParseException {
    ProbeReport report = RecordedProbe.of("@@section file /etc/redhat-release\n|CentOS release 6.5 (Final)\n@@end\n"
        + "@@section file /proc/cmdline\n|ro console=ttyS0\n@@end\n"
        + "@@section grub\n|/boot/grub/menu.lst: kernel /vmlinuz ro console=ttyS0 numa=off\n@@end\n");

    assertThat(check(report).result()).isEqualTo(Result.PASS);
  }

  @Test
  void otherDistributionsNeedNoNumaOff() throws ProbeParseException {
    ProbeReport report = RecordedProbe.of("@@section file /etc/os-release\n|ID=\"ubuntu\"\n|VERSION_ID=\"5.04\"\n@@end\n"
        + "@@section file /proc/cmdline\n|ro console=ttyS0\n@@end\n");

    assertThat(check(report).result()).isEqualTo(Result.PASS);
  }

  private static Finding check(ProbeReport report) {
    return DiskAndBootChecks.bootParameters(report, Distribution.of(report), TODAY.thresholds(RuleId.LNX_BOOT_2));
  }
}
