package cn.marketplace.onboarding.submission.vhd;

import cn.marketplace.onboarding.testsupport.TestPolicies;
import static cn.marketplace.onboarding.submission.vhd.VhdFooters.GIB;
import static cn.marketplace.onboarding.submission.vhd.VhdFooters.MIB;
import static cn.marketplace.onboarding.submission.vhd.VhdFooters.TIB;
import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.Result;
import cn.marketplace.onboarding.rules.RuleId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DiskSizeRulesTest {

  @ParameterizedTest(name = "Linux OS disk of {0} MiB: {1}")
  @CsvSource({
      "20480, FAIL, LNX-SIZE-1.too-small",
      "30719, FAIL, LNX-SIZE-1.too-small",
      "30720, PASS, LNX-SIZE-1.ok",
      "51200, PASS, LNX-SIZE-1.ok",
      "51201, WARNING, LNX-SIZE-1.review",
      "61440, WARNING, LNX-SIZE-1.review"})
  void linuxOsDisksHave30To50GibAndLargerOnesGoToReview(long mib, Result result, String key) {
    assertThat(DiskSizeRules.check(DiskRole.LINUX_OS, "osVhd", mib * MIB, TestPolicies.AZURE_CHINA_2015))
        .extracting(Finding::ruleId, Finding::result, Finding::messageKey, Finding::subject)
        .containsExactly(RuleId.LNX_SIZE_1, result, key, "osVhd");
  }

  @ParameterizedTest(name = "Windows OS disk of {0} MiB: {1}")
  @CsvSource({
      "131072, PASS, WIN-SIZE-1.ok",
      "131071, FAIL, WIN-SIZE-1.too-small",
      "131073, FAIL, WIN-SIZE-1.too-large",
      "30720, FAIL, WIN-SIZE-1.too-small"})
  void windowsOsDisksHaveExactly128Gib(long mib, Result result, String key) {
    assertThat(DiskSizeRules.check(DiskRole.WINDOWS_OS, "osVhd", mib * MIB, TestPolicies.AZURE_CHINA_2015))
        .extracting(Finding::ruleId, Finding::result, Finding::messageKey)
        .containsExactly(RuleId.WIN_SIZE_1, result, key);
  }

  @ParameterizedTest(name = "data disk of {0} MiB: {1}")
  @CsvSource({
      "1, PASS, DISK-1.ok",
      "1048576, PASS, DISK-1.ok",
      "1048577, FAIL, DISK-1.too-large"})
  void dataDisksHaveAtMostOneTib(long mib, Result result, String key) {
    assertThat(DiskSizeRules.check(DiskRole.DATA, "lun7", mib * MIB, TestPolicies.AZURE_CHINA_2015))
        .extracting(Finding::ruleId, Finding::result, Finding::messageKey, Finding::subject)
        .containsExactly(RuleId.DISK_1, result, key, "lun7");
  }

  @Test
  void theMessageShowsTheSizeInGib() {
    assertThat(DiskSizeRules.check(DiskRole.LINUX_OS, "osVhd", 20 * GIB, TestPolicies.AZURE_CHINA_2015))
        .extracting(Finding::args, Finding::evidence)
        .containsExactly(List.of("osVhd", "20 GiB", "30-50 GiB"), "21474836480 bytes");
    assertThat(DiskSizeRules.check(DiskRole.DATA, "lun0", TIB, TestPolicies.AZURE_CHINA_2015).args())
        .containsExactly("lun0", "1024 GiB", "0-1024 GiB");
    assertThat(MessageArgs.gib(30 * GIB + 512 * MIB)).isEqualTo("30.5 GiB");
  }

  /** The same disk judged by the 2015 guide and by Microsoft's rules of today; the policy files hold the sizes. */
  @ParameterizedTest(name = "{0} disk of {1} GiB: 2015 {2}, today {3}")
  @CsvSource({
      "LINUX_OS, 20, FAIL, PASS",
      "LINUX_OS, 40, PASS, PASS",
      "LINUX_OS, 200, WARNING, PASS",
      "LINUX_OS, 1023, WARNING, PASS",
      "LINUX_OS, 1024, WARNING, FAIL",
      "WINDOWS_OS, 128, PASS, PASS",
      "WINDOWS_OS, 200, FAIL, PASS",
      "WINDOWS_OS, 251, FAIL, FAIL",
      "DATA, 1024, PASS, FAIL"})
  void thePoliciesDisagreeOnOsDiskSizes(DiskRole role, long gib, Result in2015, Result today) {
    Finding old = DiskSizeRules.check(role, "osVhd", gib * GIB, TestPolicies.AZURE_CHINA_2015);
    Finding current = DiskSizeRules.check(role, "osVhd", gib * GIB, TestPolicies.AZURE_CURRENT);

    assertThat(old.result()).isEqualTo(in2015);
    assertThat(current.result()).isEqualTo(today);
    assertThat(old.policy()).isEqualTo(TestPolicies.AZURE_CHINA_2015.ref());
    assertThat(current.policy()).hasToString("azure-current v1");
  }
}
