package cn.marketplace.onboarding.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The image type a SKU declares (IMG-TYPE-1): its VM generation and its processor architecture. Each
 * combination is a SKU of its own, as in Microsoft's marketplace today; every image of the 2015 guide
 * was {@link #X64_GEN1}, which is why a submission that names neither gets that.
 */
public record ImageType(Generation generation, Architecture architecture) {

  /** What every image was before SKUs declared their type: BIOS boot, x86-64. */
  public static final ImageType X64_GEN1 = new ImageType(Generation.GEN1, Architecture.X64);

  public ImageType {
    if (generation == null || architecture == null) {
      throw new IllegalArgumentException("an image type has a generation and an architecture");
    }
  }

  /** How the VM boots: generation 1 by BIOS from an MBR disk, generation 2 by UEFI from a GPT disk. */
  public enum Generation {
    GEN1("gen1"), GEN2("gen2");

    private final String value;

    Generation(String value) {
      this.value = value;
    }

    /** The value as forms, the API and the tables write it. */
    public String value() {
      return value;
    }

    /** {@code gen1}, {@code gen2}, in any case; anything else is empty. */
    public static Optional<Generation> of(String text) {
      return Arrays.stream(values()).filter(g -> g.value.equalsIgnoreCase(strip(text))).findFirst();
    }

    public static List<String> choices() {
      return Arrays.stream(values()).map(Generation::value).toList();
    }
  }

  /** The processor architecture of the image, with what its VM shows of it. */
  public enum Architecture {
    X64("x64", "x86_64"), ARM64("arm64", "aarch64");

    private final String value;
    private final String machine;

    Architecture(String value, String machine) {
      this.value = value;
      this.machine = machine;
    }

    /** The value as forms, the API and the tables write it. */
    public String value() {
      return value;
    }

    /** What {@code uname -m} prints on a Linux VM of this architecture. */
    public String machine() {
      return machine;
    }

    /** {@code x64}, {@code arm64}, in any case; anything else is empty. */
    public static Optional<Architecture> of(String text) {
      return Arrays.stream(values()).filter(a -> a.value.equalsIgnoreCase(strip(text))).findFirst();
    }

    public static List<String> choices() {
      return Arrays.stream(values()).map(Architecture::value).toList();
    }
  }

  /** The stored values, {@link #X64_GEN1} where a row predates image types. */
  public static ImageType of(String generation, String architecture) {
    return new ImageType(Generation.of(generation).orElse(Generation.GEN1),
        Architecture.of(architecture).orElse(Architecture.X64));
  }

  /** {@code x64 gen2}, as {@link #toString()} writes it (and the policy files list allowed types); anything else is empty. */
  public static Optional<ImageType> parse(String text) {
    String[] words = strip(text).split("\\s+");
    if (words.length != 2) {
      return Optional.empty();
    }
    return Architecture.of(words[0]).flatMap(architecture -> Generation.of(words[1])
        .map(generation -> new ImageType(generation, architecture)));
  }

  /** {@code x64 gen2}: how messages and reports show it. */
  @Override
  public String toString() {
    return architecture.value + " " + generation.value;
  }

  private static String strip(String text) {
    return text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
  }
}
