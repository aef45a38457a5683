package cn.marketplace.onboarding.activation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * The directory of Microsoft partner IDs and of paying Azure customers, read from the configured
 * CSV files (first line a header). Re-read when a file changes, so operators update it live.
 */
@Component
public class PartnerDirectory {

  private final PartnerDirectoryProperties properties;
  private final Map<Resource, Snapshot> snapshots = new HashMap<>();

  PartnerDirectory(PartnerDirectoryProperties properties) {
    this.properties = properties;
  }

  /** The organisation a partner ID belongs to, if the directory knows it. */
  public Optional<String> partner(String partnerId) {
    return lookup(properties.file(), partnerId);
  }

  /** The organisation of a paying Azure customer ID, if the directory knows it. */
  public Optional<String> azureCustomer(String customerId) {
    return lookup(properties.customerFile(), customerId);
  }

  private Optional<String> lookup(Resource file, String id) {
    if (file == null || id == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(snapshot(file).entries().get(id.strip().toLowerCase(java.util.Locale.ROOT)));
  }

  private synchronized Snapshot snapshot(Resource file) {
    long modified = lastModified(file);
    Snapshot current = snapshots.get(file);
    if (current == null || current.modified() != modified) {
      current = new Snapshot(modified, read(file));
      snapshots.put(file, current);
    }
    return current;
  }

  private static long lastModified(Resource file) {
    try {
      return file.isFile() ? file.lastModified() : 0L;
    } catch (IOException e) {
      return 0L;
    }
  }

  private static Map<String, String> read(Resource file) {
    Map<String, String> entries = new HashMap<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8))) {
      reader.lines().skip(1).map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .forEach(line -> {
            int comma = line.indexOf(',');
            String id = (comma < 0 ? line : line.substring(0, comma)).strip().toLowerCase(java.util.Locale.ROOT);
            entries.put(id, comma < 0 ? "" : line.substring(comma + 1).strip());
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the partner directory " + file.getDescription(), e);
    }
    return entries;
  }

  private record Snapshot(long modified, Map<String, String> entries) {}
}
