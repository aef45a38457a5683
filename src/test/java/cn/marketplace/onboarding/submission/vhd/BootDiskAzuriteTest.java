package cn.marketplace.onboarding.submission.vhd;

import static cn.marketplace.onboarding.testsupport.TestPolicies.AZURE_CHINA_2015;
import static cn.marketplace.onboarding.submission.vhd.VhdFooters.GIB;
import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.catalog.ImageType.Generation;
import cn.marketplace.onboarding.certification.policy.CertificationPolicy;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.Result;
import cn.marketplace.onboarding.rules.RuleId;
import cn.marketplace.onboarding.rules.RuleMessages;
import cn.marketplace.onboarding.testsupport.TestPolicies;
import cn.marketplace.onboarding.testsupport.Azurite;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * IMG-TYPE-2 on real VHDs in a real blob service (Azurite), read through the ISV's SAS with ranged
 * reads: the partition table an OS disk needs for the generation its SKU declares.
 */
class BootDiskAzuriteTest {

  private static final long SIZE = 30 * GIB;
  private static final Azurite azurite = Azurite.instance();
  private static VhdCheckService service;
  private static String container;

  @BeforeAll
  static void startService() {
    service = TestStorage.vhdCheckService();
    container = azurite.createContainer();
  }

  @AfterAll
  static void stopService() {
    service.destroy();
  }

  /** Judged by azure-current, which accepts the layouts of both generations. */
  private VhdCheckReport check(String name, byte[] head, Generation generation) {
    return check(name, head, generation, TestPolicies.AZURE_CURRENT);
  }

  private VhdCheckReport check(String name, byte[] head, Generation generation, CertificationPolicy policy) {
    azurite.sparseVhd(container, name, SIZE, head, VhdFooters.fixed(SIZE).toBytes());
    String sas = azurite.sasUri(container, name, "rl", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1),
        OffsetDateTime.now(ZoneOffset.UTC).plusDays(30));
    return service.check(List.of(VhdDisk.os(false, sas, generation)), Instant.now(), policy);
  }

  /** The 2015 guides knew generation 1 only: their policy accepts the BIOS layouts and no other. */
  @Test
  void underThe2015PolicyOnlyGen1LayoutsAreAccepted() {
    Finding gen2 = bootFinding(check("gen2-2015.vhd", BootDisks.gen2Gpt(SIZE), Generation.GEN2,
        TestPolicies.AZURE_CHINA_2015));
    assertThat(gen2.result()).isEqualTo(Result.FAIL);
    assertThat(gen2.messageKey()).isEqualTo("IMG-TYPE-2.generation-not-allowed");
    assertThat(gen2.policy()).isEqualTo(TestPolicies.AZURE_CHINA_2015.ref());
    assertThat(RuleMessages.render(gen2, RuleMessages.EN)).startsWith("[IMG-TYPE-2] osVhd: the SKU is gen2")
        .contains("azure-china-2015 v1", "gen1 only");

    Finding gen1 = bootFinding(check("gen1-2015.vhd", BootDisks.gen1Mbr(SIZE), Generation.GEN1,
        TestPolicies.AZURE_CHINA_2015));
    assertThat(gen1.result()).isEqualTo(Result.PASS);
    assertThat(gen1.messageKey()).isEqualTo("IMG-TYPE-2.gen1-ok");
  }

  private static Finding bootFinding(VhdCheckReport report) {
    List<Finding> findings = report.findings().stream().filter(f -> f.ruleId() == RuleId.IMG_TYPE_2).toList();
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).subject()).isEqualTo("osVhd");
    return findings.get(0);
  }

  @Test
  void aGen2GptDiskWithAnEfiSystemPartitionPasses() {
    VhdCheckReport report = check("gen2.vhd", BootDisks.gen2Gpt(SIZE), Generation.GEN2);

    assertThat(report.anyFailed()).as("%s", report.findings()).isFalse();
    Finding boot = bootFinding(report);
    assertThat(boot.result()).isEqualTo(Result.PASS);
    assertThat(boot.messageKey()).isEqualTo("IMG-TYPE-2.gen2-ok");
    assertThat(boot.evidence()).contains("1:ESP").contains("header CRC ok");
    // the footer, then the MBR, the GPT header and its 128 entries in one ranged read
    assertThat(report.bytesRead()).containsEntry("osVhd", 512L + PartitionTable.HEAD_BYTES);
  }

  @Test
  void aGen2SkuWithAnMbrOnlyDiskFailsNamingTheRule() {
    Finding boot = bootFinding(check("gen2-mbr.vhd", BootDisks.gen1Mbr(SIZE), Generation.GEN2));

    assertThat(boot.result()).isEqualTo(Result.FAIL);
    assertThat(boot.messageKey()).isEqualTo("IMG-TYPE-2.gen2-no-gpt");
    assertThat(boot.evidence()).contains("MBR types [83]").contains("no GPT header");
  }

  @Test
  void aGen2GptWithoutAnEfiSystemPartitionFails() {
    byte[] head = BootDisks.gpt(SIZE, false, List.of(new BootDisks.Part(BootDisks.LINUX_FILESYSTEM, 2048, 4095)));

    assertThat(bootFinding(check("gen2-no-esp.vhd", head, Generation.GEN2)).messageKey())
        .isEqualTo("IMG-TYPE-2.gen2-no-esp");
  }

  @Test
  void aDamagedGptHeaderFails() {
    byte[] head = BootDisks.gen2Gpt(SIZE);
    head[512 + 40] ^= 1; // first usable LBA changed after the CRC was written

    assertThat(bootFinding(check("gen2-crc.vhd", head, Generation.GEN2)).messageKey())
        .isEqualTo("IMG-TYPE-2.gpt-header-damaged");
  }

  @Test
  void damagedGptEntriesFail() {
    byte[] head = BootDisks.gen2Gpt(SIZE);
    head[2 * 512 + 40] ^= 1; // the ESP's last LBA changed after the entries' CRC was written

    assertThat(bootFinding(check("gen2-entries.vhd", head, Generation.GEN2)).messageKey())
        .isEqualTo("IMG-TYPE-2.gpt-entries-damaged");
  }

  @Test
  void aGen1SkuWithAGptOnlyDiskFails() {
    Finding boot = bootFinding(check("gen1-gpt.vhd", BootDisks.gen2Gpt(SIZE), Generation.GEN1));

    assertThat(boot.result()).isEqualTo(Result.FAIL);
    assertThat(boot.messageKey()).isEqualTo("IMG-TYPE-2.gen1-gpt-only");
  }

  @Test
  void aGen1MbrDiskWithBootCodePasses() {
    Finding boot = bootFinding(check("gen1.vhd", BootDisks.gen1Mbr(SIZE), Generation.GEN1));

    assertThat(boot.result()).isEqualTo(Result.PASS);
    assertThat(boot.messageKey()).isEqualTo("IMG-TYPE-2.gen1-ok");
  }

  @Test
  void aGen1MbrDiskWithoutBootCodeFails() {
    assertThat(bootFinding(check("gen1-no-code.vhd", BootDisks.mbrWithoutBootCode(SIZE), Generation.GEN1))
        .messageKey()).isEqualTo("IMG-TYPE-2.gen1-no-boot-code");
  }

  @Test
  void aDiskWithNoPartitionTableFailsEitherGeneration() {
    assertThat(bootFinding(check("blank1.vhd", new byte[0], Generation.GEN1)).messageKey())
        .isEqualTo("IMG-TYPE-2.gen1-no-mbr");
    assertThat(bootFinding(check("blank2.vhd", new byte[0], Generation.GEN2)).messageKey())
        .isEqualTo("IMG-TYPE-2.gen2-no-gpt");
  }

  /** Distributions' cloud images boot both ways: BIOS boot code, a BIOS boot partition and an ESP. */
  @Test
  void aHybridDiskPassesBothGenerations() {
    assertThat(bootFinding(check("hybrid1.vhd", BootDisks.hybridGpt(SIZE), Generation.GEN1)).messageKey())
        .isEqualTo("IMG-TYPE-2.gen1-hybrid-ok");
    assertThat(bootFinding(check("hybrid2.vhd", BootDisks.hybridGpt(SIZE), Generation.GEN2)).messageKey())
        .isEqualTo("IMG-TYPE-2.gen2-ok");
  }

  @Test
  void dataDisksAndDisksOfNoDeclaredGenerationAreNotRead() {
    azurite.sparseVhd(container, "data.vhd", SIZE, new byte[0], VhdFooters.fixed(SIZE).toBytes());
    String sas = azurite.sasUri(container, "data.vhd", "rl", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1),
        OffsetDateTime.now(ZoneOffset.UTC).plusDays(30));

    VhdCheckReport report = service.check(List.of(VhdDisk.data(0, sas), VhdDisk.linuxOs(sas)), Instant.now(), AZURE_CHINA_2015);

    assertThat(report.findings()).noneMatch(f -> f.ruleId() == RuleId.IMG_TYPE_2);
    assertThat(report.totalBytesRead()).isEqualTo(2 * 512);
  }
}
