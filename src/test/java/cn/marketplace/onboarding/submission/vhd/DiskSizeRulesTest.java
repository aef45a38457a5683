package cn.marketplace.onboarding.submission.vhd;

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
    assertThat(DiskSizeRules.check(DiskRole.LINUX_OS, "osVhd", mib * MIB))
        .extracting(Finding::ruleId, Finding::result, Finding::messageKey, Finding::subject)
        .containsExactly(RuleId.LNX_SIZE_1, result, key, "osVhd");
  }

  @ParameterizedTest(name = "Windows OS disk of {0} MiB: {1}")
  @CsvSource({
      "131072, PASS, WIN-SIZE-1.ok",
      "131071, FAIL, WIN-SIZE-1.wrong-size",
      "131073, FAIL, WIN-SIZE-1.wrong-size",
      "30720, FAIL, WIN-SIZE-1.wrong-size"})
  void windowsOsDisksHaveExactly128Gib(long mib, Result result, String key) {
    assertThat(DiskSizeRules.check(DiskRole.WINDOWS_OS, "osVhd", mib * MIB))
        .extracting(Finding::ruleId, Finding::result, Finding::messageKey)
        .containsExactly(RuleId.WIN_SIZE_1, result, key);
  }

  @ParameterizedTest(name = "data disk of {0} MiB: {1}")
  @CsvSource({
      "1, PASS, DISK-1.ok",
      "1048576, PASS, DISK-1.ok",
      "1048577, FAIL, DISK-1.too-large"})
  void dataDisksHaveAtMostOneTib(long mib, Result result, String key) {
    assertThat(DiskSizeRules.check(DiskRole.DATA, "lun7", mib * MIB))
        .extracting(Finding::ruleId, Finding::result, Finding::messageKey, Finding::subject)
        .containsExactly(RuleId.DISK_1, result, key, "lun7");
  }

  @Test
  void theMessageShowsTheSizeInGib() {
    assertThat(DiskSizeRules.check(DiskRole.LINUX_OS, "osVhd", 20 * GIB))
        .extracting(Finding::args, Finding::evidence)
        .containsExactly(List.of("osVhd", "20 GiB"), "21474836480 bytes");
    assertThat(DiskSizeRules.check(DiskRole.DATA, "lun0", TIB).args()).containsExactly("lun0", "1024 GiB");
    assertThat(MessageArgs.gib(30 * GIB + 512 * MIB)).isEqualTo("30.5 GiB");
  }
}
