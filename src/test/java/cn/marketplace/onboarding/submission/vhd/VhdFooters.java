package cn.marketplace.onboarding.submission.vhd;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Real VHD footers for tests: written by {@link VhdFooter#toBytes()} the way Hyper-V writes them
 * (creator {@code win }, host {@code Wi2k}, geometry by the specification's algorithm), and two
 * footers made by another implementation, qemu-img.
 */
public final class VhdFooters {

  public static final long MIB = 1024L * 1024;
  public static final long GIB = 1024 * MIB;
  static final long TIB = 1024 * GIB;

  /**
   * The last 512 bytes of {@code qemu-img create -f vpc -o subformat=fixed,force_size=on f.vhd 30M}
   * (qemu 7.2): a fixed 30 MiB disk.
   */
  static final byte[] QEMU_FIXED_30_MIB = Base64.getDecoder().decode(
      "Y29uZWN0aXgAAAACAAEAAP//////////MpPmjXFlbTIABQADV2kyawAAAAAB4AAAAAAAAAHgAAD//xD/AAAAAv//4ojM"
          + "u7sFciBBlbDT2tVAFVyq" + "A".repeat(571) + "=");

  /** The same with {@code subformat=dynamic}: a dynamic 30 MiB disk, file length 2560. */
  static final byte[] QEMU_DYNAMIC_30_MIB = Base64.getDecoder().decode(
      "Y29uZWN0aXgAAAACAAEAAAAAAAAAAAIAMpPmjnFlbTIABQADV2kyawAAAAAB4AAAAAAAAAHgAAD//xD/AAAAA///7GvG"
          + "o4Uif11GG7kWeSO+PC1u" + "A".repeat(571) + "=");

  private static final Instant CREATED = Instant.parse("2026-03-02T02:00:00Z");

  private VhdFooters() {}

  public static VhdFooter fixed(long virtualSize) {
    return footer(virtualSize, VhdFooter.TYPE_FIXED, -1L);
  }

  static VhdFooter dynamic(long virtualSize) {
    return footer(virtualSize, VhdFooter.TYPE_DYNAMIC, VhdFooter.SIZE);
  }

  static VhdFooter differencing(long virtualSize) {
    return footer(virtualSize, VhdFooter.TYPE_DIFFERENCING, VhdFooter.SIZE);
  }

  /** A footer with a valid checksum; {@code dataOffset} is -1 for fixed disks. */
  static VhdFooter footer(long virtualSize, int diskType, long dataOffset) {
    int[] chs = geometry(virtualSize);
    long timestamp = Duration.between(VhdFooter.EPOCH, CREATED).toSeconds();
    UUID id = UUID.nameUUIDFromBytes(("disk-" + virtualSize + "-" + diskType).getBytes());
    return new VhdFooter(VhdFooter.COOKIE, 2, 0x0001_0000, dataOffset, timestamp, "win ",
        0x000a_0000, "Wi2k", virtualSize, virtualSize, chs[0], chs[1], chs[2], diskType, 0, id, false)
        .withValidChecksum();
  }

  /** Cylinders, heads, sectors per track: the algorithm of the VHD specification's appendix. */
  static int[] geometry(long size) {
    long totalSectors = Math.min(size / 512, 65535L * 16 * 255);
    long sectorsPerTrack;
    long heads;
    long cylinderTimesHeads;
    if (totalSectors >= 65535L * 16 * 63) {
      sectorsPerTrack = 255;
      heads = 16;
      cylinderTimesHeads = totalSectors / sectorsPerTrack;
    } else {
      sectorsPerTrack = 17;
      cylinderTimesHeads = totalSectors / sectorsPerTrack;
      heads = Math.max((cylinderTimesHeads + 1023) / 1024, 4);
      if (cylinderTimesHeads >= heads * 1024 || heads > 16) {
        sectorsPerTrack = 31;
        heads = 16;
        cylinderTimesHeads = totalSectors / sectorsPerTrack;
      }
      if (cylinderTimesHeads >= heads * 1024) {
        sectorsPerTrack = 63;
        heads = 16;
        cylinderTimesHeads = totalSectors / sectorsPerTrack;
      }
    }
    return new int[] {(int) (cylinderTimesHeads / heads), (int) heads, (int) sectorsPerTrack};
  }
}
