package cn.marketplace.onboarding.submission.vhd;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.catalog.ImageType.Generation;
import cn.marketplace.onboarding.rules.RuleId;
import cn.marketplace.onboarding.testsupport.TestPolicies;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The parser on disk heads in memory: what it reads of them, and that damaged ones never break it. */
@Tag("fast")
class PartitionTableTest {

  private static final long SIZE = 30L << 30;

  private static PartitionTable read(byte[] head) {
    return PartitionTable.read(head, (offset, length) -> new byte[0]);
  }

  @Test
  void readsTheGptOfAGen2Disk() {
    PartitionTable table = read(BootDisks.gen2Gpt(SIZE));

    assertThat(table.protective()).isTrue();
    assertThat(table.bootCode()).isFalse();
    assertThat(table.gpt()).hasValueSatisfying(gpt -> {
      assertThat(gpt.headerCrcValid()).isTrue();
      assertThat(gpt.entriesCrcValid()).isTrue();
      assertThat(gpt.first(PartitionTable.EFI_SYSTEM)).hasValueSatisfying(esp -> {
        assertThat(esp.number()).isEqualTo(1);
        assertThat(esp.firstLba()).isEqualTo(2048);
      });
      assertThat(gpt.entries()).hasSize(2);
    });
  }

  @Test
  void entriesOutsideTheHeadAreReadThroughTheSectorsGiven() {
    byte[] head = BootDisks.gen2Gpt(SIZE);
    byte[] firstTwo = Arrays.copyOf(head, 1024);
    long[] asked = new long[2];

    PartitionTable table = PartitionTable.read(firstTwo, (offset, length) -> {
      asked[0] = offset;
      asked[1] = length;
      return Arrays.copyOfRange(head, (int) offset, (int) offset + length);
    });

    assertThat(asked).containsExactly(1024, 128 * 128);
    assertThat(table.gpt().orElseThrow().first(PartitionTable.EFI_SYSTEM)).isPresent();
  }

  @Test
  void anEntryArrayLargerThanTheLimitIsNotRead() {
    byte[] head = BootDisks.gen2Gpt(SIZE);
    head[512 + 80] = 0;
    head[512 + 81] = 0x10; // 4096 entries of 128 bytes: 512 KiB

    PartitionTable table = PartitionTable.read(head, (offset, length) -> {
      throw new AssertionError("read " + length + " bytes");
    });

    assertThat(table.gpt().orElseThrow().entriesCrcValid()).isFalse();
    assertThat(table.gpt().orElseThrow().entriesProblem()).contains("4096x128");
  }

  /** Every single-byte change and random bytes: one IMG-TYPE-2 finding, no exception. */
  @Test
  void damagedHeadsGiveAFindingNeverAnException() {
    byte[] good = BootDisks.hybridGpt(SIZE);
    Random random = new Random(15);
    for (int i = 0; i < 3_000; i++) {
      byte[] head = good.clone();
      int changes = 1 + random.nextInt(8);
      for (int c = 0; c < changes; c++) {
        head[random.nextInt(1024 + 512)] = (byte) random.nextInt(256);
      }
      for (Generation generation : Generation.values()) {
        assertThat(BootDiskChecks.check(generation, "osVhd", read(head), TestPolicies.AZURE_CURRENT).ruleId()).isEqualTo(RuleId.IMG_TYPE_2);
      }
    }
    byte[] noise = new byte[PartitionTable.HEAD_BYTES];
    for (int i = 0; i < 500; i++) {
      random.nextBytes(noise);
      noise[512] = 'E';
      System.arraycopy("EFI PART".getBytes(), 0, noise, 512, 8);
      assertThat(BootDiskChecks.check(Generation.GEN2, "osVhd", read(noise), TestPolicies.AZURE_CURRENT).failed()).isTrue();
    }
  }
}
