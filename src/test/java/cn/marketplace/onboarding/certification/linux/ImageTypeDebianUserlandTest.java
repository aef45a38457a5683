package cn.marketplace.onboarding.certification.linux;

import cn.marketplace.onboarding.testsupport.TestPolicies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import cn.marketplace.onboarding.catalog.ImageType;
import cn.marketplace.onboarding.catalog.ImageType.Architecture;
import cn.marketplace.onboarding.catalog.ImageType.Generation;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.Result;
import cn.marketplace.onboarding.rules.RuleId;
import cn.marketplace.onboarding.testsupport.DebianVm;
import cn.marketplace.onboarding.testsupport.SampleVmServer;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * IMG-TYPE-3 to IMG-TYPE-5 with the real probe on the real Debian 12 userland of {@link DebianVm}
 * (x86_64, as the host is). Its root has no firmware directory, as a BIOS-booted VM; a UEFI boot is
 * planted where the kernel shows it, {@code /sys/firmware/efi}.
 */
class ImageTypeDebianUserlandTest {

  private final LinuxCertificationService service = new LinuxCertificationService(
      new LinuxVmProbe(SampleVmServer.allowingSampleVms(CertificationProperties.defaults())), new LinuxChecks());

  @BeforeAll
  static void buildRoot() {
    DebianVm.ensureRoot();
  }

  private List<Finding> imageTypeFindings(DebianVm vm, ImageType type) {
    LinuxCertificationResult result = service.run(
        VmAccess.withPassword(vm.host(), vm.port(), DebianVm.USER, DebianVm.PASSWORD), null, TestPolicies.AZURE_CURRENT, type);
    return result.findings().stream().filter(f -> f.ruleId().id().startsWith("IMG-TYPE")).toList();
  }

  @Test
  void theX64Gen1ImagePassesAndAnArm64DeclarationFails() {
    try (DebianVm vm = DebianVm.start()) {
      List<Finding> x64 = imageTypeFindings(vm, ImageType.X64_GEN1);
      List<Finding> arm64 = imageTypeFindings(vm, new ImageType(Generation.GEN1, Architecture.ARM64));

      assertThat(x64).extracting(Finding::ruleId, Finding::result).containsExactly(
          tuple(RuleId.IMG_TYPE_3, Result.PASS), tuple(RuleId.IMG_TYPE_4, Result.PASS),
          tuple(RuleId.IMG_TYPE_5, Result.PASS));
      assertThat(x64.get(0).evidence()).isEqualTo("uname -m: x86_64");
      assertThat(x64.get(2).evidence()).isEqualTo("/sys/firmware/efi absent");
      assertThat(arm64).extracting(Finding::ruleId, Finding::result).containsExactly(
          tuple(RuleId.IMG_TYPE_3, Result.FAIL), tuple(RuleId.IMG_TYPE_4, Result.FAIL),
          tuple(RuleId.IMG_TYPE_5, Result.PASS));
    }
  }

  @Test
  void aGen2SkuNeedsAUefiBoot() {
    try (DebianVm vm = DebianVm.start()) {
      assertThat(imageTypeFindings(vm, new ImageType(Generation.GEN2, Architecture.X64)))
          .filteredOn(f -> f.ruleId() == RuleId.IMG_TYPE_5).extracting(Finding::messageKey)
          .containsExactly("IMG-TYPE-5.gen2-not-uefi");
    }
    try (DebianVm vm = DebianVm.start(DebianVm.files("/sys/firmware/efi/fw_platform_size", "64\n"), List.of(),
        List.of())) {
      assertThat(imageTypeFindings(vm, new ImageType(Generation.GEN2, Architecture.X64)))
          .extracting(Finding::result).containsOnly(Result.PASS);
    }
  }
}
