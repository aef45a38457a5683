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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * IMG-TYPE-3 to IMG-TYPE-5 on probe output. No Arm64 VM runs here and a stand-in can't change
 * {@code uname -m}, so an Arm64 VM is its probe's output as recorded, in the probe's own protocol:
 * what an Ubuntu 22.04 Arm64 VM of Azure (Gen2 only) prints for these sections.
 */
@Tag("fast")
class ImageTypeChecksTest {

  private static final String ARM64_GEN2 = """
      @@probe-begin 1
      @@section uname
      @@attr machine=aarch64
      @@attr kernel=6.5.0-1025-azure
      @@end
      @@section file /proc/cmdline
      @@attr type=file
      |BOOT_IMAGE=/vmlinuz-6.5.0-1025-azure root=PARTUUID=2e3f8f4c-01 ro console=tty1 console=ttyAMA0 earlycon=pl011,0xeffec000 nvme_core.io_timeout=240 panic=-1
      @@end
      @@section firmware
      @@attr efi=yes
      @@end
      @@probe-end
      """;

  private static ProbeReport report(String output) throws ProbeParseException {
    return ProbeReport.parse(output);
  }

  private static Object[] results(java.util.List<Finding> findings) {
    return findings.stream().map(f -> tuple(f.ruleId(), f.result())).toArray();
  }

  @Test
  void anArm64Gen2VmPassesAsDeclared() throws Exception {
    var findings = ImageTypeChecks.check(report(ARM64_GEN2), new ImageType(Generation.GEN2, Architecture.ARM64),
        TestPolicies.AZURE_CURRENT);

    assertThat(findings).extracting(Finding::ruleId, Finding::result).containsExactly(
        tuple(RuleId.IMG_TYPE_3, Result.PASS), tuple(RuleId.IMG_TYPE_4, Result.PASS),
        tuple(RuleId.IMG_TYPE_5, Result.PASS));
    assertThat(findings.get(0).evidence()).isEqualTo("uname -m: aarch64");
  }

  @Test
  void anArm64VmDeclaredX64FailsArchitectureAndConsole() throws Exception {
    var findings = ImageTypeChecks.check(report(ARM64_GEN2), new ImageType(Generation.GEN2, Architecture.X64),
        TestPolicies.AZURE_CURRENT);

    assertThat(findings).extracting(Finding::ruleId, Finding::result, Finding::messageKey).containsExactly(
        tuple(RuleId.IMG_TYPE_3, Result.FAIL, "IMG-TYPE-3.mismatch"),
        tuple(RuleId.IMG_TYPE_4, Result.FAIL, "IMG-TYPE-4.missing"),
        tuple(RuleId.IMG_TYPE_5, Result.PASS, "IMG-TYPE-5.gen2-ok"));
    assertThat(findings.get(0).args()).containsExactly("x64", "aarch64", "x86_64");
  }

  @Test
  void anArm64VmWithTheX64ConsoleFails() throws Exception {
    String ttyS0 = ARM64_GEN2.replace("console=ttyAMA0", "console=ttyS0");

    Finding console = ImageTypeChecks.serialConsole(report(ttyS0), Architecture.ARM64, "ttyAMA0");

    assertThat(console.result()).isEqualTo(Result.FAIL);
    assertThat(console.args()).containsExactly("arm64", "console=ttyAMA0");
  }

  @Test
  void aGen1SkuBootedByUefiFailsAndAProbeWithoutTheSectionConfirmsNothing() throws Exception {
    assertThat(ImageTypeChecks.firmware(report(ARM64_GEN2), Generation.GEN1).messageKey())
        .isEqualTo("IMG-TYPE-5.gen1-uefi");
    String older = ARM64_GEN2.replace("@@section firmware\n@@attr efi=yes\n@@end\n", "");
    assertThat(ImageTypeChecks.firmware(report(older), Generation.GEN2).messageKey()).isEqualTo("IMG-TYPE-5.unknown");
  }

  @Test
  void theLinuxChecksFollowTheDeclaredType() throws Exception {
    var findings = new LinuxChecks().check(report(ARM64_GEN2), "certifier", TestPolicies.AZURE_CURRENT,
        new ImageType(Generation.GEN2, Architecture.ARM64));

    assertThat(findings).filteredOn(f -> f.ruleId().id().startsWith("IMG-TYPE"))
        .extracting(Finding::result).containsOnly(Result.PASS).hasSize(3);
    // aarch64 is 64-bit, and the 2015 guide's ttyS0 line is an x64 image's, not this one's
    assertThat(findings).filteredOn(f -> f.ruleId() == RuleId.LNX_ARCH_1).extracting(Finding::result)
        .containsExactly(Result.PASS);
    assertThat(findings).noneMatch(f -> f.ruleId() == RuleId.LNX_BOOT_1);
  }

  @Test
  void anX64SkuKeepsTheGuidesBootParameters() throws Exception {
    var findings = new LinuxChecks().check(report(ARM64_GEN2), "certifier", TestPolicies.AZURE_CHINA_2015,
        ImageType.X64_GEN1);

    assertThat(findings).filteredOn(f -> f.ruleId() == RuleId.LNX_BOOT_1).extracting(Finding::messageKey)
        .containsExactly("LNX-BOOT-1.no-console");
    assertThat(findings).noneMatch(f -> f.ruleId().id().startsWith("IMG-TYPE"));
  }

  @Test
  void aMissingX64ConsoleFailsOneRulePerPolicy() throws Exception {
    var today = new LinuxChecks().check(report(ARM64_GEN2), "certifier", TestPolicies.AZURE_CURRENT,
        ImageType.X64_GEN1);

    assertThat(today).filteredOn(f -> f.failed() && f.args().contains("console=ttyS0"))
        .extracting(Finding::ruleId).containsExactly(RuleId.IMG_TYPE_4);
    assertThat(today).noneMatch(f -> f.ruleId() == RuleId.LNX_BOOT_1);
  }
}
