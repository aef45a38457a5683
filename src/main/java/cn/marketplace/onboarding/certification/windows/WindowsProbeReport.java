package cn.marketplace.onboarding.certification.windows;

import cn.marketplace.onboarding.certification.linux.ProbeParseException;
import cn.marketplace.onboarding.certification.linux.ProbeParseException.Reason;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What the Windows probe ({@code windows-probe.ps1}) saw, read from the one JSON document it prints:
 * the objects of {@code Get-CimInstance Win32_OperatingSystem}, the registry values of Windows Setup,
 * Terminal Server and SCHANNEL, {@code Get-BitLockerVolume}, {@code Get-WindowsFeature}, the
 * {@code VersionInfo} of {@code srv.sys} and {@code srv2.sys}, and {@code Get-HotFix}, with the
 * property names those commands give them. A fact the probe could not read is absent, and the check
 * that needs it fails; only a document that is not the probe's is refused, with
 * {@link ProbeParseException}.
 */
public record WindowsProbeReport(
    Optional<Instant> takenAt,
    Optional<OperatingSystem> operatingSystem,
    Optional<Boolean> is64BitOperatingSystem,
    Optional<RegistryKey> setupState,
    Optional<RegistryKey> terminalServer,
    Optional<List<BitLockerVolume>> bitLockerVolumes,
    Optional<List<WindowsFeature>> installedFeatures,
    Optional<FileVersion> srvSys,
    Optional<FileVersion> srv2Sys,
    List<SchannelProtocol> schannel,
    List<HotFix> hotFixes,
    List<String> problems) {

  public static final String PROBE = "windows-certification-probe";
  public static final int VERSION = 1;
  public static final int MAX_CHARS = 2 * 1024 * 1024;
  static final int MAX_ITEMS = 5_000;
  private static final int MAX_TEXT = 300;
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
  private static final ObjectMapper MAPPER = mapper();

  /** {@code Win32_OperatingSystem}: Caption, Version ({@code 10.0.17763}), BuildNumber, OSArchitecture. */
  public record OperatingSystem(String caption, String version, String buildNumber, String osArchitecture) {}

  /** A registry key the probe read: whether it is there and the values asked for (absent ones null). */
  public record RegistryKey(String path, boolean present, JsonNode values) {
    public Optional<String> text(String name) {
      JsonNode value = values.path(name);
      return value.isValueNode() && !value.isNull() ? Optional.of(clean(value.asText())) : Optional.empty();
    }

    public Optional<Long> number(String name) {
      JsonNode value = values.path(name);
      return value.isIntegralNumber() ? Optional.of(value.asLong()) : Optional.empty();
    }
  }

  /** {@code Get-BitLockerVolume}: its VolumeStatus and ProtectionStatus as their names. */
  public record BitLockerVolume(String mountPoint, String volumeStatus, String protectionStatus) {}

  /** An installed role or feature of {@code Get-WindowsFeature}. */
  public record WindowsFeature(String name, String displayName) {}

  /**
   * A file's {@code VersionInfo}: FileVersion as the file's resource says it, and the version from
   * FileMajorPart, FileMinorPart, FileBuildPart and FilePrivatePart, which is the one to compare.
   */
  public record FileVersion(String fileName, String fileVersion, String version) {}

  /** An SCHANNEL protocol's {@code Server} key: Enabled and DisabledByDefault when set. */
  public record SchannelProtocol(String protocol, boolean present, Optional<Long> enabled,
      Optional<Long> disabledByDefault) {}

  /** {@code Get-HotFix}: HotFixID, Description and InstalledOn (a date, when Windows records one). */
  public record HotFix(String hotFixId, String description, Optional<LocalDate> installedOn) {}

  /**
   * @throws ProbeParseException when the output is empty, too large, not JSON, or not the probe's
   *     document of a version this product reads
   */
  public static WindowsProbeReport parse(String output) throws ProbeParseException {
    if (output == null || output.isBlank()) {
      throw new ProbeParseException(Reason.EMPTY, "no output");
    }
    if (output.length() > MAX_CHARS) {
      throw new ProbeParseException(Reason.TOO_LARGE, output.length() + " characters");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(output.strip());
    } catch (JsonProcessingException e) {
      throw new ProbeParseException(Reason.NO_HEADER, "not JSON");
    }
    if (root == null || !root.isObject() || !PROBE.equals(root.path("Probe").asText())) {
      throw new ProbeParseException(Reason.NO_HEADER, "not the Windows probe's document");
    }
    if (root.path("Version").asInt(-1) != VERSION) {
      throw new ProbeParseException(Reason.UNSUPPORTED_VERSION, "version " + clean(root.path("Version").asText()));
    }
    return new WindowsProbeReport(
        text(root.path("TakenAt")).flatMap(WindowsProbeReport::instant),
        object(root.path("OperatingSystem")).map(os -> new OperatingSystem(text(os.path("Caption")).orElse(""),
            text(os.path("Version")).orElse(""), text(os.path("BuildNumber")).orElse(""),
            text(os.path("OSArchitecture")).orElse(""))),
        root.path("Is64BitOperatingSystem").isBoolean()
            ? Optional.of(root.path("Is64BitOperatingSystem").asBoolean()) : Optional.empty(),
        registryKey(root.path("SetupState")),
        registryKey(root.path("TerminalServer")),
        available(root.path("BitLocker"), "Volumes", volume -> new BitLockerVolume(
            text(volume.path("MountPoint")).orElse(""), text(volume.path("VolumeStatus")).orElse(""),
            text(volume.path("ProtectionStatus")).orElse(""))),
        available(root.path("WindowsFeatures"), "Installed", feature -> new WindowsFeature(
            text(feature.path("Name")).orElse(""), text(feature.path("DisplayName")).orElse(""))),
        fileVersion(root.path("SrvSys")),
        fileVersion(root.path("Srv2Sys")),
        list(root.path("Schannel"), key -> new SchannelProtocol(text(key.path("Protocol")).orElse(""),
            key.path("Present").asBoolean(false), integral(key.path("Enabled")), integral(key.path("DisabledByDefault")))),
        list(root.path("HotFixes"), fix -> new HotFix(text(fix.path("HotFixID")).orElse(""),
            text(fix.path("Description")).orElse(""), text(fix.path("InstalledOn")).flatMap(WindowsProbeReport::date))),
        list(root.path("Problems"), problem -> text(problem).orElse("")));
  }

  /** A value as the probe gave it, control characters replaced and cut to a sane length. */
  static String clean(String value) {
    String cleaned = CONTROL.matcher(value).replaceAll(" ").strip();
    return cleaned.length() > MAX_TEXT ? cleaned.substring(0, MAX_TEXT) + "..." : cleaned;
  }

  private static Optional<JsonNode> object(JsonNode node) {
    return node.isObject() ? Optional.of(node) : Optional.empty();
  }

  private static Optional<String> text(JsonNode node) {
    return node.isValueNode() && !node.isNull() ? Optional.of(clean(node.asText())) : Optional.empty();
  }

  private static Optional<Long> integral(JsonNode node) {
    return node.isIntegralNumber() ? Optional.of(node.asLong()) : Optional.empty();
  }

  private static Optional<RegistryKey> registryKey(JsonNode node) {
    return object(node).map(key -> new RegistryKey(text(key.path("Path")).orElse(""),
        key.path("Present").asBoolean(false), key));
  }

  /** A list the probe gives only when its command exists on the VM ({@code Available}). */
  private static <T> Optional<List<T>> available(JsonNode node, String field, Function<JsonNode, T> item) {
    if (!node.isObject() || !node.path("Available").asBoolean(false)) {
      return Optional.empty();
    }
    return node.has(field) ? Optional.of(list(node.path(field), item)) : Optional.empty();
  }

  /** An array of objects; PowerShell writes a lone item as the item itself, so that is read too. */
  private static <T> List<T> list(JsonNode node, Function<JsonNode, T> item) {
    List<T> items = new ArrayList<>();
    if (node.isArray()) {
      for (JsonNode element : node) {
        if (!element.isNull() && items.size() < MAX_ITEMS) {
          items.add(item.apply(element));
        }
      }
    } else if (!node.isMissingNode() && !node.isNull()) {
      items.add(item.apply(node));
    }
    return List.copyOf(items);
  }

  private static Optional<FileVersion> fileVersion(JsonNode node) {
    if (!node.isObject()) {
      return Optional.empty();
    }
    List<String> parts = new ArrayList<>();
    for (String part : List.of("FileMajorPart", "FileMinorPart", "FileBuildPart", "FilePrivatePart")) {
      JsonNode value = node.path(part);
      if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 0) {
        return Optional.empty();
      }
      parts.add(String.valueOf(value.asInt()));
    }
    return Optional.of(new FileVersion(text(node.path("FileName")).orElse(""),
        text(node.path("FileVersion")).orElse(""), String.join(".", parts)));
  }

  private static Optional<LocalDate> date(String text) {
    try {
      return Optional.of(LocalDate.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<Instant> instant(String text) {
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static ObjectMapper mapper() {
    ObjectMapper mapper = JsonMapper.builder().build();
    mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(20).maxStringLength(MAX_CHARS).maxNumberLength(20).build());
    return mapper;
  }
}
