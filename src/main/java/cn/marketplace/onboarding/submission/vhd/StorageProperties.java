package cn.marketplace.onboarding.submission.vhd;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code onboarding.storage.*}: which storage hosts SAS URIs may point at, and how hard the
 * product tries to read them.
 *
 * @param allowedHosts host names, or suffixes starting with {@code .}, that a SAS URI may name;
 *     the product contacts no other host
 * @param allowHttp whether {@code http://} SAS URIs are accepted (with a SAS-5 warning)
 * @param requestTimeout how long one request (connect, answer, read) may take
 * @param maxRetries how often a request that timed out or found no server is tried again
 * @param parallelism how many disks are checked at the same time
 */
@ConfigurationProperties("onboarding.storage")
public record StorageProperties(
    @DefaultValue(".blob.core.chinacloudapi.cn") List<String> allowedHosts,
    @DefaultValue("false") boolean allowHttp,
    @DefaultValue("10s") Duration requestTimeout,
    @DefaultValue("2") int maxRetries,
    @DefaultValue("4") int parallelism) {

  public StorageProperties {
    allowedHosts = allowedHosts == null ? List.of()
        : allowedHosts.stream().map(String::trim).filter(h -> !h.isEmpty())
            .map(h -> h.toLowerCase(Locale.ROOT)).toList();
    if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("onboarding.storage.request-timeout must be positive");
    }
    if (maxRetries < 0 || maxRetries > 5) {
      throw new IllegalArgumentException("onboarding.storage.max-retries must be between 0 and 5");
    }
    if (parallelism < 1 || parallelism > 64) {
      throw new IllegalArgumentException("onboarding.storage.parallelism must be between 1 and 64");
    }
  }

  /** Whether {@code host} equals an allowed host name or ends with an allowed {@code .suffix}. */
  public boolean allowsHost(String host) {
    if (host == null || host.isEmpty()) {
      return false;
    }
    String candidate = host.toLowerCase(Locale.ROOT);
    return allowedHosts.stream().anyMatch(allowed -> allowed.startsWith(".")
        ? candidate.endsWith(allowed) && candidate.length() > allowed.length()
        : candidate.equals(allowed));
  }
}
