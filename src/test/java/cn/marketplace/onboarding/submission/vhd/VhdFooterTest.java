package cn.marketplace.onboarding.submission.vhd;

import cn.marketplace.onboarding.testsupport.TestPolicies;
import static cn.marketplace.onboarding.submission.vhd.VhdFooters.GIB;
import static cn.marketplace.onboarding.submission.vhd.VhdFooters.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.Result;
import cn.marketplace.onboarding.rules.RuleId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class VhdFooterTest {

  private static final String SUBJECT = "osVhd";

  @Test
  void readsTheFixedFooterThatQemuImgWrites() {
    VhdFooter footer = VhdFooter.parse(VhdFooters.QEMU_FIXED_30_MIB);

    assertThat(footer.hasCookie()).isTrue();
    assertThat(footer.diskType()).isEqualTo(VhdFooter.TYPE_FIXED);
    assertThat(footer.currentSize()).isEqualTo(30 * MIB);
    assertThat(footer.dataOffset()).isEqualTo(-1L);
    assertThat(footer.creatorApplication()).isEqualTo("qem2");
    assertThat(footer.creatorHostOs()).isEqualTo("Wi2k");
    assertThat(footer.checksum()).isEqualTo(VhdFooter.computeChecksum(VhdFooters.QEMU_FIXED_30_MIB));
    assertThat(footer.toBytes()).isEqualTo(VhdFooters.QEMU_FIXED_30_MIB);
  }

  @Test
  void readsTheDynamicFooterThatQemuImgWrites() {
    VhdFooter footer = VhdFooter.parse(VhdFooters.QEMU_DYNAMIC_30_MIB);

    assertThat(footer.diskType()).isEqualTo(VhdFooter.TYPE_DYNAMIC);
    assertThat(footer.dataOffset()).isEqualTo(512);
    assertThat(footer.checksum()).isEqualTo(VhdFooter.computeChecksum(VhdFooters.QEMU_DYNAMIC_30_MIB));
  }

  @Test
  void writesFootersThatReadBackUnchanged() {
    for (VhdFooter written : List.of(VhdFooters.fixed(30 * GIB), VhdFooters.dynamic(30 * GIB),
        VhdFooters.differencing(30 * GIB))) {
      byte[] bytes = written.toBytes();

      assertThat(bytes).hasSize(512);
      assertThat(VhdFooter.parse(bytes)).isEqualTo(written);
      assertThat(written.checksum()).isEqualTo(VhdFooter.computeChecksum(bytes));
    }
  }

  @Test
  void computesTheGeometryOfTheSpecification() {
    // 127 GiB-sized disks and larger hit the 65535/16/255 ceiling
    assertThat(VhdFooters.geometry(128 * GIB)).containsExactly(65535, 16, 255);
    assertThat(VhdFooters.geometry(30 * MIB)).containsExactly(903, 4, 17);
  }

  @Test
  void aFixedFooterOfTheRightLengthPassesEveryFormatRule() {
    byte[] footer = VhdFooters.fixed(30 * GIB).toBytes();

    assertThat(VhdFooterChecks.check(DiskRole.LINUX_OS, SUBJECT, footer, 30 * GIB + 512, TestPolicies.AZURE_CHINA_2015))
        .extracting(Finding::ruleId, Finding::result, Finding::messageKey)
        .containsExactly(
            tuple(RuleId.VHD_FMT_1, Result.PASS, "VHD-FMT-1.ok"),
            tuple(RuleId.VHD_FMT_2, Result.PASS, "VHD-FMT-2.fixed"),
            tuple(RuleId.VHD_FMT_3, Result.PASS, "VHD-FMT-3.ok"),
            tuple(RuleId.LNX_SIZE_1, Result.PASS, "LNX-SIZE-1.ok"));
  }

  @Test
  void qemuImgsFixedFooterPassesTheFormatRules() {
    assertThat(VhdFooterChecks.check(DiskRole.DATA, "lun0", VhdFooters.QEMU_FIXED_30_MIB, 30 * MIB + 512, TestPolicies.AZURE_CHINA_2015))
        .extracting(Finding::ruleId, Finding::result, Finding::subject)
        .containsExactly(
            tuple(RuleId.VHD_FMT_1, Result.PASS, "lun0"),
            tuple(RuleId.VHD_FMT_2, Result.PASS, "lun0"),
            tuple(RuleId.VHD_FMT_3, Result.PASS, "lun0"),
            tuple(RuleId.DISK_1, Result.PASS, "lun0"));
  }

  @Test
  void refusesDynamicAndDifferencingDisks() {
    assertThat(VhdFooterChecks.check(DiskRole.LINUX_OS, SUBJECT, VhdFooters.QEMU_DYNAMIC_30_MIB, 2560, TestPolicies.AZURE_CHINA_2015))
        .extracting(Finding::ruleId, Finding::result, Finding::messageKey)
        .containsExactly(
            tuple(RuleId.VHD_FMT_1, Result.PASS, "VHD-FMT-1.ok"),
            tuple(RuleId.VHD_FMT_2, Result.FAIL, "VHD-FMT-2.dynamic"),
            tuple(RuleId.VHD_FMT_3, Result.FAIL, "VHD-FMT-3.length-mismatch"),
            tuple(RuleId.LNX_SIZE_1, Result.FAIL, "LNX-SIZE-1.too-small"));

    byte[] differencing = VhdFooters.differencing(40 * GIB).toBytes();
    assertThat(VhdFooterChecks.check(DiskRole.LINUX_OS, SUBJECT, differencing, 40 * GIB + 512, TestPolicies.AZURE_CHINA_2015))
        .filteredOn(f -> f.ruleId() == RuleId.VHD_FMT_2)
        .extracting(Finding::result, Finding::messageKey, Finding::evidence)
        .containsExactly(tuple(Result.FAIL, "VHD-FMT-2.differencing", "diskType=4"));
  }

  @Test
  void aBadChecksumFailsAndTheFooterIsNotTrustedFurther() {
    VhdFooter footer = VhdFooters.fixed(30 * GIB);
    byte[] damaged = footer.withChecksum(footer.checksum() + 1).toBytes();

    assertThat(VhdFooterChecks.check(DiskRole.LINUX_OS, SUBJECT, damaged, 30 * GIB + 512, TestPolicies.AZURE_CHINA_2015))
        .extracting(Finding::ruleId, Finding::result, Finding::messageKey)
        .containsExactly(tuple(RuleId.VHD_FMT_1, Result.FAIL, "VHD-FMT-1.bad-checksum"));
  }

  @Test
  void aFlippedReservedByteBreaksTheChecksum() {
    byte[] damaged = VhdFooters.fixed(30 * GIB).toBytes();
    damaged[300] = 1;

    assertThat(VhdFooterChecks.check(DiskRole.LINUX_OS, SUBJECT, damaged, 30 * GIB + 512, TestPolicies.AZURE_CHINA_2015))
        .extracting(Finding::messageKey).containsExactly("VHD-FMT-1.bad-checksum");
  }

  @Test
  void anotherFormatHasNoCookie() {
    byte[] raw = new byte[512];
    System.arraycopy("vhdxfile".getBytes(), 0, raw, 0, 8);

    assertThat(VhdFooterChecks.check(DiskRole.DATA, "lun2", raw, 1024, TestPolicies.AZURE_CHINA_2015))
        .extracting(Finding::ruleId, Finding::result, Finding::messageKey, Finding::evidence)
        .containsExactly(tuple(RuleId.VHD_FMT_1, Result.FAIL, "VHD-FMT-1.bad-cookie", "cookie=vhdxfile"));
  }

  @Test
  void truncatedInputIsAFindingForTheChecksAndAnErrorForTheParser() {
    byte[] truncated = Arrays.copyOf(VhdFooters.fixed(30 * GIB).toBytes(), 511);

    assertThat(VhdFooterChecks.check(DiskRole.LINUX_OS, SUBJECT, truncated, 30 * GIB + 512, TestPolicies.AZURE_CHINA_2015))
        .extracting(Finding::ruleId, Finding::result, Finding::messageKey, Finding::args)
        .containsExactly(tuple(RuleId.VHD_FMT_1, Result.FAIL, "VHD-FMT-1.truncated", List.of(SUBJECT, 511)));
    assertThat(VhdFooterChecks.check(DiskRole.LINUX_OS, SUBJECT, null, 0, TestPolicies.AZURE_CHINA_2015))
        .extracting(Finding::messageKey).containsExactly("VHD-FMT-1.truncated");
    assertThatThrownBy(() -> VhdFooter.parse(truncated)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theVirtualSizeMustBeWholeMibAndMatchTheBlobLength() {
    long oddSize = 30 * GIB + 512;
    byte[] odd = VhdFooters.fixed(oddSize).toBytes();
    assertThat(VhdFooterChecks.check(DiskRole.LINUX_OS, SUBJECT, odd, oddSize + 512, TestPolicies.AZURE_CHINA_2015))
        .filteredOn(f -> f.ruleId() == RuleId.VHD_FMT_3)
        .extracting(Finding::result, Finding::messageKey)
        .containsExactly(tuple(Result.FAIL, "VHD-FMT-3.not-whole-mib"));

    byte[] fixed = VhdFooters.fixed(30 * GIB).toBytes();
    assertThat(VhdFooterChecks.check(DiskRole.LINUX_OS, SUBJECT, fixed, 31 * GIB + 512, TestPolicies.AZURE_CHINA_2015))
        .filteredOn(f -> f.ruleId() == RuleId.VHD_FMT_3)
        .extracting(Finding::result, Finding::messageKey)
        .containsExactly(tuple(Result.FAIL, "VHD-FMT-3.length-mismatch"));
  }
}
