package cn.marketplace.onboarding.submission.vhd;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * The 512-byte footer at the end of every VHD file (Microsoft's "Virtual Hard Disk Image Format
 * Specification"): all fields big-endian. {@link #parse(byte[])} reads any 512 bytes, valid or
 * not, so that the checks can say what is wrong; {@link #toBytes()} writes them back, with the
 * stored checksum as it is.
 *
 * @param cookie the first 8 bytes, {@code conectix} in a real footer
 * @param dataOffset {@code 0xFFFFFFFFFFFFFFFF} for a fixed disk, the header's offset otherwise
 * @param timestamp seconds since 2000-01-01T00:00:00Z
 * @param currentSize the virtual size of the disk in bytes
 * @param diskType 2 fixed, 3 dynamic, 4 differencing
 * @param checksum the one's complement of the byte sum of the footer without this field
 */
public record VhdFooter(
    String cookie, int features, int formatVersion, long dataOffset, long timestamp,
    String creatorApplication, int creatorVersion, String creatorHostOs, long originalSize,
    long currentSize, int cylinders, int heads, int sectorsPerTrack, int diskType, int checksum,
    UUID uniqueId, boolean savedState) {

  public static final int SIZE = 512;
  public static final String COOKIE = "conectix";
  public static final int TYPE_FIXED = 2;
  public static final int TYPE_DYNAMIC = 3;
  public static final int TYPE_DIFFERENCING = 4;
  public static final Instant EPOCH = Instant.parse("2000-01-01T00:00:00Z");

  private static final int CHECKSUM_OFFSET = 64;

  /**
   * Reads a footer's fields from exactly 512 bytes.
   *
   * @throws IllegalArgumentException when {@code bytes} is not 512 bytes long
   */
  public static VhdFooter parse(byte[] bytes) {
    if (bytes == null || bytes.length != SIZE) {
      throw new IllegalArgumentException("a VHD footer is " + SIZE + " bytes, got "
          + (bytes == null ? 0 : bytes.length));
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    String cookie = ascii(in, 8);
    int features = in.getInt();
    int formatVersion = in.getInt();
    long dataOffset = in.getLong();
    long timestamp = Integer.toUnsignedLong(in.getInt());
    String creatorApplication = ascii(in, 4);
    int creatorVersion = in.getInt();
    String creatorHostOs = ascii(in, 4);
    long originalSize = in.getLong();
    long currentSize = in.getLong();
    int cylinders = Short.toUnsignedInt(in.getShort());
    int heads = Byte.toUnsignedInt(in.get());
    int sectorsPerTrack = Byte.toUnsignedInt(in.get());
    int diskType = in.getInt();
    int checksum = in.getInt();
    UUID uniqueId = new UUID(in.getLong(), in.getLong());
    boolean savedState = in.get() != 0;
    return new VhdFooter(cookie, features, formatVersion, dataOffset, timestamp, creatorApplication,
        creatorVersion, creatorHostOs, originalSize, currentSize, cylinders, heads, sectorsPerTrack,
        diskType, checksum, uniqueId, savedState);
  }

  /**
   * The checksum the specification asks for: the one's complement of the sum of all 512 bytes,
   * the checksum field counted as zero.
   */
  public static int computeChecksum(byte[] bytes) {
    int sum = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (i < CHECKSUM_OFFSET || i >= CHECKSUM_OFFSET + 4) {
        sum += Byte.toUnsignedInt(bytes[i]);
      }
    }
    return ~sum;
  }

  /** The 512 bytes of this footer, its stored checksum included as it is. */
  public byte[] toBytes() {
    ByteBuffer out = ByteBuffer.allocate(SIZE);
    out.put(asciiBytes(cookie, 8));
    out.putInt(features);
    out.putInt(formatVersion);
    out.putLong(dataOffset);
    out.putInt((int) timestamp);
    out.put(asciiBytes(creatorApplication, 4));
    out.putInt(creatorVersion);
    out.put(asciiBytes(creatorHostOs, 4));
    out.putLong(originalSize);
    out.putLong(currentSize);
    out.putShort((short) cylinders);
    out.put((byte) heads);
    out.put((byte) sectorsPerTrack);
    out.putInt(diskType);
    out.putInt(checksum);
    out.putLong(uniqueId.getMostSignificantBits());
    out.putLong(uniqueId.getLeastSignificantBits());
    out.put((byte) (savedState ? 1 : 0));
    return out.array();
  }

  /** This footer with the checksum its other fields call for. */
  public VhdFooter withValidChecksum() {
    return withChecksum(computeChecksum(toBytes()));
  }

  public VhdFooter withChecksum(int newChecksum) {
    return new VhdFooter(cookie, features, formatVersion, dataOffset, timestamp, creatorApplication,
        creatorVersion, creatorHostOs, originalSize, currentSize, cylinders, heads, sectorsPerTrack,
        diskType, newChecksum, uniqueId, savedState);
  }

  public boolean hasCookie() {
    return COOKIE.equals(cookie);
  }

  public boolean isFixed() {
    return diskType == TYPE_FIXED;
  }

  private static String ascii(ByteBuffer in, int length) {
    byte[] bytes = new byte[length];
    in.get(bytes);
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  private static byte[] asciiBytes(String text, int length) {
    return Arrays.copyOf(text.getBytes(StandardCharsets.ISO_8859_1), length);
  }
}
