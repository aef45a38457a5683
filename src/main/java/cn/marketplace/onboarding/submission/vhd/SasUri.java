package cn.marketplace.onboarding.submission.vhd;

import cn.marketplace.onboarding.submission.vhd.InvalidSasUriException.Reason;
import com.azure.storage.blob.BlobUrlParts;
import com.azure.storage.common.sas.CommonSasQueryParameters;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A shared access signature URI of one blob, parsed with the Storage SDK's {@link BlobUrlParts}.
 * It is a credential: {@link #toString()} and {@link #masked()} show it with its signature
 * replaced by {@code ***}; only the blob clients of this package see it whole.
 */
public final class SasUri {

  private static final Pattern SIGNATURE = Pattern.compile("(?i)([?&]sig=)[^&#]*");

  private final String uri;
  private final String scheme;
  private final String host;
  private final String accountName;
  private final String containerName;
  private final String blobName;
  private final String permissions;
  private final Instant start;
  private final Instant expiry;

  private SasUri(String uri, URI parsed, BlobUrlParts parts, CommonSasQueryParameters sas,
      Set<String> parameters) {
    this.uri = uri;
    this.scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
    this.host = parsed.getHost().toLowerCase(Locale.ROOT);
    this.accountName = parts.getAccountName();
    this.containerName = parts.getBlobContainerName();
    this.blobName = parts.getBlobName();
    this.permissions = sas.getPermissions();
    // the SDK's getters throw a NullPointerException when st or se is absent
    this.start = parameters.contains("st") ? toInstant(sas.getStartTime()) : null;
    this.expiry = parameters.contains("se") ? toInstant(sas.getExpiryTime()) : null;
  }

  /**
   * Parses a SAS URI as an ISV pastes it: surrounding blanks are ignored, and blanks or double
   * quotes inside are taken as part of the blob name (SAS-6 then names them).
   *
   * @throws InvalidSasUriException when the string is empty, no http(s) URI, or carries no
   *     readable signature
   */
  public static SasUri parse(String raw) throws InvalidSasUriException {
    if (raw == null || raw.isBlank()) {
      throw new InvalidSasUriException(Reason.MISSING);
    }
    String uri = raw.strip().replace(" ", "%20").replace("\"", "%22");
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (URISyntaxException e) {
      throw new InvalidSasUriException(Reason.NOT_A_URI);
    }
    if (parsed.getScheme() == null || parsed.getHost() == null || parsed.getRawUserInfo() != null) {
      throw new InvalidSasUriException(Reason.NOT_A_URI);
    }
    String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new InvalidSasUriException(Reason.NOT_HTTP);
    }
    Set<String> parameters = parameterNames(parsed.getRawQuery());
    if (!parameters.contains("sig")) {
      throw new InvalidSasUriException(Reason.NO_SIGNATURE);
    }
    BlobUrlParts parts;
    try {
      parts = BlobUrlParts.parse(uri);
    } catch (RuntimeException e) {
      // bad dates in st/se, bad percent-encoding in the query
      throw new InvalidSasUriException(Reason.BAD_PARAMETERS);
    }
    CommonSasQueryParameters sas = parts.getCommonSasQueryParameters();
    if (sas == null || sas.getSignature() == null || sas.getSignature().isEmpty()) {
      throw new InvalidSasUriException(Reason.NO_SIGNATURE);
    }
    return new SasUri(uri, parsed, parts, sas, parameters);
  }

  /** {@code raw} with any {@code sig} value replaced by {@code ***}; safe to log whatever it is. */
  public static String mask(String raw) {
    return raw == null ? null : SIGNATURE.matcher(raw).replaceAll("$1***");
  }

  /** {@code https} or {@code http}, lower case. */
  public String scheme() {
    return scheme;
  }

  /** The host name without the port, lower case. */
  public String host() {
    return host;
  }

  public String accountName() {
    return accountName;
  }

  public String containerName() {
    return containerName;
  }

  /** The blob's name, decoded ({@code dir/os disk.vhd}); null when the URI names a container. */
  public String blobName() {
    return blobName;
  }

  /** The {@code sp} value as written, e.g. {@code rl}; empty when the SAS carries none. */
  public Optional<String> permissions() {
    return Optional.ofNullable(permissions);
  }

  /** The {@code st} value; a SAS without a start time is valid. */
  public Optional<Instant> start() {
    return Optional.ofNullable(start);
  }

  /** The {@code se} value. */
  public Optional<Instant> expiry() {
    return Optional.ofNullable(expiry);
  }

  /** The URI with its signature replaced by {@code ***}: what logs and messages may show. */
  public String masked() {
    return mask(uri);
  }

  /** The whole URI, signature included: for the blob clients of this package only. */
  String reveal() {
    return uri;
  }

  @Override
  public String toString() {
    return masked();
  }

  private static Instant toInstant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }

  private static Set<String> parameterNames(String rawQuery) {
    Set<String> names = new HashSet<>();
    if (rawQuery == null) {
      return names;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      if (!value.isEmpty()) {
        names.add(name.toLowerCase(Locale.ROOT));
      }
    }
    return names;
  }
}
