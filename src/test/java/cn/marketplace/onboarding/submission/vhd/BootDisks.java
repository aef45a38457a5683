package cn.marketplace.onboarding.submission.vhd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * The first sectors of disks as partitioning tools write them (fdisk's MBR, sgdisk's GPT: protective
 * MBR, header in LBA 1, 128 entries of 128 bytes from LBA 2, CRC32s as the UEFI specification says).
 */
public final class BootDisks {

  public static final UUID LINUX_FILESYSTEM = UUID.fromString("0FC63DAF-8483-4772-8E79-3D69D8477DE4");
  public static final int SECTOR = 512;
  private static final int ENTRIES = 128;
  private static final int ENTRY_SIZE = 128;

  private BootDisks() {}

  /** A GPT partition: its type and sectors. */
  public record Part(UUID type, long firstLba, long lastLba) {}

  /** LBA 0 of a BIOS-bootable MBR disk: boot code, one active Linux partition, 55AA. */
  public static byte[] gen1Mbr(long diskBytes) {
    byte[] sector = mbr(diskBytes, 0x83, 2048, true);
    sector[446] = (byte) 0x80;
    return sector;
  }

  /** LBA 0 of an MBR disk whose boot code was never installed. */
  public static byte[] mbrWithoutBootCode(long diskBytes) {
    return mbr(diskBytes, 0x83, 2048, false);
  }

  /** LBA 0 to 33 of a GPT disk; {@code biosBootCode} as GRUB installs it for BIOS in the protective MBR. */
  public static byte[] gpt(long diskBytes, boolean biosBootCode, List<Part> parts) {
    byte[] head = new byte[34 * SECTOR];
    System.arraycopy(mbr(diskBytes, 0xEE, 1, biosBootCode), 0, head, 0, SECTOR);
    ByteBuffer entries = ByteBuffer.wrap(head, 2 * SECTOR, ENTRIES * ENTRY_SIZE).slice().order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < parts.size(); i++) {
      Part part = parts.get(i);
      int at = i * ENTRY_SIZE;
      putGuid(entries, at, part.type());
      putGuid(entries, at + 16, UUID.nameUUIDFromBytes(new byte[] {(byte) i}));
      entries.putLong(at + 32, part.firstLba());
      entries.putLong(at + 40, part.lastLba());
      byte[] name = ("part" + (i + 1)).getBytes(StandardCharsets.UTF_16LE);
      entries.position(at + 56);
      entries.put(name);
    }
    ByteBuffer header = ByteBuffer.wrap(head, SECTOR, SECTOR).slice().order(ByteOrder.LITTLE_ENDIAN);
    long lastLba = diskBytes / SECTOR - 1;
    header.put("EFI PART".getBytes(StandardCharsets.US_ASCII));
    header.putInt(8, 0x00010000);
    header.putInt(12, 92);
    header.putLong(24, 1);
    header.putLong(32, lastLba);
    header.putLong(40, 34);
    header.putLong(48, lastLba - 33);
    putGuid(header, 56, UUID.nameUUIDFromBytes("disk".getBytes(StandardCharsets.US_ASCII)));
    header.putLong(72, 2);
    header.putInt(80, ENTRIES);
    header.putInt(84, ENTRY_SIZE);
    header.putInt(88, (int) crc32(head, 2 * SECTOR, ENTRIES * ENTRY_SIZE));
    header.putInt(16, (int) crc32(head, SECTOR, 92));
    return head;
  }

  /** A generation 2 disk as distributions' cloud images are made: an ESP and a root partition. */
  public static byte[] gen2Gpt(long diskBytes) {
    return gpt(diskBytes, false, List.of(new Part(PartitionTable.EFI_SYSTEM, 2048, 264191),
        new Part(LINUX_FILESYSTEM, 264192, diskBytes / SECTOR - 34)));
  }

  /** A disk for both generations: BIOS boot code, a BIOS boot partition, an ESP and root. */
  public static byte[] hybridGpt(long diskBytes) {
    return gpt(diskBytes, true, List.of(new Part(PartitionTable.BIOS_BOOT, 2048, 4095),
        new Part(PartitionTable.EFI_SYSTEM, 4096, 266239), new Part(LINUX_FILESYSTEM, 266240, diskBytes / SECTOR - 34)));
  }

  private static byte[] mbr(long diskBytes, int type, long firstLba, boolean bootCode) {
    byte[] sector = new byte[SECTOR];
    if (bootCode) {
      // what a boot loader's first bytes look like: a short jump over its data, then code
      byte[] code = {(byte) 0xEB, 0x63, (byte) 0x90, 0x10, (byte) 0x8E, (byte) 0xD0, (byte) 0xBC, 0x00, (byte) 0xB0};
      System.arraycopy(code, 0, sector, 0, code.length);
    }
    ByteBuffer entry = ByteBuffer.wrap(sector, 446, 16).slice().order(ByteOrder.LITTLE_ENDIAN);
    entry.put(4, (byte) type);
    long sectors = Math.min(diskBytes / SECTOR - firstLba, 0xFFFFFFFFL);
    entry.putInt(8, (int) firstLba);
    entry.putInt(12, (int) sectors);
    sector[510] = 0x55;
    sector[511] = (byte) 0xAA;
    return sector;
  }

  private static void putGuid(ByteBuffer out, int at, UUID guid) {
    long high = guid.getMostSignificantBits();
    out.putInt(at, (int) (high >>> 32));
    out.putShort(at + 4, (short) (high >>> 16));
    out.putShort(at + 6, (short) high);
    out.duplicate().order(ByteOrder.BIG_ENDIAN).putLong(at + 8, guid.getLeastSignificantBits());
  }

  private static long crc32(byte[] bytes, int offset, int length) {
    CRC32 crc = new CRC32();
    crc.update(bytes, offset, length);
    return crc.getValue();
  }
}
