package cn.marketplace.onboarding.submission.vhd;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.catalog.ImageType.Generation;
import cn.marketplace.onboarding.rules.RuleId;
import cn.marketplace.onboarding.testsupport.TestPolicies;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * The partition table parser fuzzed as {@code security/ParserFuzzTest} fuzzes the others: the first
 * sectors of an ISV's VHD are outside input. Whatever they hold, the check gives one IMG-TYPE-2 finding
 * and reads no more than the entry limit. Seeds in {@code PartitionTableFuzzTestInputs/partitionTable/}.
 */
class PartitionTableFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void partitionTable(FuzzedDataProvider data) {
    Generation generation = data.pickValue(Generation.values());
    int diskBytes = data.consumeInt(0, 64 * 1024);
    byte[] disk = Arrays.copyOf(data.consumeRemainingAsBytes(), diskBytes);
    PartitionTable.Sectors sectors = (offset, length) -> {
      assertThat(length).isBetween(0, PartitionTable.MAX_ENTRY_BYTES);
      return offset >= disk.length ? new byte[0]
          : Arrays.copyOfRange(disk, (int) offset, (int) Math.min(disk.length, offset + length));
    };
    PartitionTable table = PartitionTable.read(sectors.read(0, PartitionTable.HEAD_BYTES), sectors);
    assertThat(BootDiskChecks.check(generation, "osVhd", table, TestPolicies.AZURE_CURRENT).ruleId()).isEqualTo(RuleId.IMG_TYPE_2);
  }
}
