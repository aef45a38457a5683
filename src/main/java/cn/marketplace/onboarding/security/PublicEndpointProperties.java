package cn.marketplace.onboarding.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code onboarding.security.*}: how much the public endpoints take from one client.
 *
 * @param rateLimit calls of the public API (applications, amendments) per client: a burst of
 *     {@code capacity}, earned back evenly over {@code refillPeriod}; at most {@code maxClients}
 *     clients are tracked at once
 * @param pageRateLimit loads of the apply page (its HTML and form schema; its scripts, styles and
 *     the form-js files are cached by the browser and not counted) per client, kept apart from
 *     {@code rateLimit} so that reading the page never uses up the applications; the same clients
 *     as {@code rateLimit} are tracked
 * @param maxBodySize the largest request body a public endpoint reads
 */
@ConfigurationProperties("onboarding.security")
public record PublicEndpointProperties(@DefaultValue RateLimit rateLimit,
    @DefaultValue PageRateLimit pageRateLimit, @DefaultValue("64KB") DataSize maxBodySize) {

  public record RateLimit(@DefaultValue("30") long capacity, @DefaultValue("10m") Duration refillPeriod,
      @DefaultValue("10000") int maxClients) {}

  public record PageRateLimit(@DefaultValue("300") long capacity, @DefaultValue("10m") Duration refillPeriod) {}
}
