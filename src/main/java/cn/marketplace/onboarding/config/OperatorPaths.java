package cn.marketplace.onboarding.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * A file named in the product's configuration, taken as operators write it: a plain path
 * ({@code /etc/onboarding/partners.csv}, or relative to the working directory), a {@code file:}
 * URL, or a {@code classpath:} resource. Spring's own binding of {@link Resource} would read a
 * plain path inside the web application, where no operator's file is.
 */
public final class OperatorPaths {

  private static final ResourceLoader FILES = new DefaultResourceLoader() {
    @Override
    protected Resource getResourceByPath(String path) {
      // unlike FileSystemResourceLoader, an absolute path stays absolute
      return new FileSystemResource(path);
    }
  };
  private static final PathMatchingResourcePatternResolver PATTERNS = new PathMatchingResourcePatternResolver(FILES);

  private OperatorPaths() {}

  /** The file at {@code location}; {@code null} for none. */
  public static Resource resource(String location) {
    return location == null || location.isBlank() ? null : FILES.getResource(location.strip());
  }

  /** Every file matching {@code pattern} ({@code *} and {@code **} allowed, {@code classpath*:} too). */
  public static List<Resource> matching(String pattern) {
    try {
      List<Resource> files = new ArrayList<>();
      for (Resource file : PATTERNS.getResources(pattern.strip())) {
        if (file.exists()) {
          files.add(file);
        }
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the files " + pattern, e);
    }
  }
}
