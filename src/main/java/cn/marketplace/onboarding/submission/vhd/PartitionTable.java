package cn.marketplace.onboarding.submission.vhd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * The partition table at the start of a disk with 512-byte sectors: the MBR in LBA 0 and, when its
 * partition table is a protective one, the GPT header in LBA 1 and its partition entries (UEFI
 * specification 2.10, chapter 5). Parses any bytes, valid or not, so that the checks can say what is
 * wrong; reads through {@link Sectors}, never more than {@link #MAX_ENTRY_BYTES} of entries.
 */
public record PartitionTable(boolean mbrSignature, boolean bootCode, List<Integer> mbrTypes, Optional<Gpt> gpt) {

  public static final int SECTOR = 512;
  /** LBA 0 to 33: the MBR, the GPT header and 128 entries of 128 bytes, as every tool lays them out. */
  public static final int HEAD_BYTES = 34 * SECTOR;
  /** More entry bytes than any disk tool writes (the UEFI minimum is 16 KiB): refused unread. */
  public static final int MAX_ENTRY_BYTES = 64 * 1024;
  public static final int PROTECTIVE_TYPE = 0xEE;
  public static final UUID EFI_SYSTEM = UUID.fromString("C12A7328-F81F-11D2-BA4B-00A0C93EC93B");
  public static final UUID BIOS_BOOT = UUID.fromString("21686148-6449-6E6F-744E-656564454649");
  /** GPT attribute bit 2: "legacy BIOS bootable". */
  public static final long LEGACY_BIOS_BOOTABLE = 1L << 2;

  private static final byte[] GPT_SIGNATURE = "EFI PART".getBytes(StandardCharsets.US_ASCII);
  private static final int BOOT_CODE_BYTES = 440;
  private static final int MBR_ENTRIES = 446;
  private static final int MIN_HEADER = 92;
  private static final int MIN_ENTRY = 128;

  /** Where the bytes of the disk come from: a ranged read, bounded by the caller. */
  @FunctionalInterface
  public interface Sectors {
    /** Up to {@code length} bytes from {@code offset}; fewer at the end of the disk. */
    byte[] read(long offset, int length);
  }

  /**
   * A GPT as found behind a protective MBR.
   *
   * @param headerCrcValid whether the header's CRC32 matches its bytes
   * @param entriesCrcValid whether the entry array's CRC32 matches; false when it could not be read
   * @param entriesProblem why the entries could not be read, or null
   */
  public record Gpt(boolean headerCrcValid, boolean entriesCrcValid, String entriesProblem, List<Entry> entries) {

    public Optional<Entry> first(UUID type) {
      return entries.stream().filter(e -> e.type().equals(type)).findFirst();
    }

    public boolean anyLegacyBiosBootable() {
      return entries.stream().anyMatch(e -> (e.attributes() & LEGACY_BIOS_BOOTABLE) != 0);
    }
  }

  /** One used GPT entry, numbered from 1 as {@code /dev/sda1} is. */
  public record Entry(int number, UUID type, long firstLba, long lastLba, long attributes) {}

  public boolean protective() {
    return mbrSignature && mbrTypes.contains(PROTECTIVE_TYPE);
  }

  /** Reads LBA 0 and 1 from {@code head}, and the GPT entries from it or through {@code more}. */
  public static PartitionTable read(byte[] head, Sectors more) {
    if (head == null || head.length < SECTOR) {
      return new PartitionTable(false, false, List.of(), Optional.empty());
    }
    ByteBuffer mbr = ByteBuffer.wrap(head, 0, SECTOR).order(ByteOrder.LITTLE_ENDIAN);
    boolean signature = Byte.toUnsignedInt(head[510]) == 0x55 && Byte.toUnsignedInt(head[511]) == 0xAA;
    boolean bootCode = false;
    for (int i = 0; i < BOOT_CODE_BYTES && !bootCode; i++) {
      bootCode = head[i] != 0;
    }
    List<Integer> types = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      int type = Byte.toUnsignedInt(mbr.get(MBR_ENTRIES + i * 16 + 4));
      if (type != 0) {
        types.add(type);
      }
    }
    Optional<Gpt> gpt = head.length >= 2 * SECTOR && startsWith(head, SECTOR, GPT_SIGNATURE)
        ? Optional.of(gpt(head, more)) : Optional.empty();
    return new PartitionTable(signature, bootCode, List.copyOf(types), gpt);
  }

  private static Gpt gpt(byte[] head, Sectors more) {
    ByteBuffer header = ByteBuffer.wrap(head, SECTOR, SECTOR).slice().order(ByteOrder.LITTLE_ENDIAN);
    long headerSize = Integer.toUnsignedLong(header.getInt(12));
    boolean headerCrc = false;
    if (headerSize >= MIN_HEADER && headerSize <= SECTOR) {
      byte[] bytes = new byte[(int) headerSize];
      System.arraycopy(head, SECTOR, bytes, 0, bytes.length);
      bytes[16] = bytes[17] = bytes[18] = bytes[19] = 0;
      headerCrc = crc32(bytes) == Integer.toUnsignedLong(header.getInt(16));
    }
    long entriesLba = header.getLong(72);
    long count = Integer.toUnsignedLong(header.getInt(80));
    long size = Integer.toUnsignedLong(header.getInt(84));
    long storedCrc = Integer.toUnsignedLong(header.getInt(88));
    if (size < MIN_ENTRY || size % MIN_ENTRY != 0 || count == 0 || count * size > MAX_ENTRY_BYTES
        || entriesLba < 2 || entriesLba > Long.MAX_VALUE / SECTOR) {
      return new Gpt(headerCrc, false, "entries=" + count + "x" + size + " at LBA " + entriesLba, List.of());
    }
    int length = (int) (count * size);
    long offset = entriesLba * SECTOR;
    byte[] array = offset + length <= head.length ? slice(head, (int) offset, length) : more.read(offset, length);
    if (array == null || array.length != length) {
      return new Gpt(headerCrc, false, "entries beyond the end of the disk", List.of());
    }
    List<Entry> entries = new ArrayList<>();
    ByteBuffer in = ByteBuffer.wrap(array).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < count; i++) {
      int at = (int) (i * size);
      UUID type = guid(in, at);
      if (type.getMostSignificantBits() != 0 || type.getLeastSignificantBits() != 0) {
        entries.add(new Entry(i + 1, type, in.getLong(at + 32), in.getLong(at + 40), in.getLong(at + 48)));
      }
    }
    return new Gpt(headerCrc, crc32(array) == storedCrc, null, List.copyOf(entries));
  }

  /** A GUID as GPT stores it: the first three fields little-endian, the last eight bytes as they are. */
  private static UUID guid(ByteBuffer in, int at) {
    long high = (Integer.toUnsignedLong(in.getInt(at)) << 32) | (Short.toUnsignedLong(in.getShort(at + 4)) << 16)
        | Short.toUnsignedLong(in.getShort(at + 6));
    long low = in.duplicate().order(ByteOrder.BIG_ENDIAN).getLong(at + 8);
    return new UUID(high, low);
  }

  private static long crc32(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return crc.getValue();
  }

  private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[offset + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] slice(byte[] bytes, int offset, int length) {
    byte[] copy = new byte[length];
    System.arraycopy(bytes, offset, copy, 0, length);
    return copy;
  }
}
