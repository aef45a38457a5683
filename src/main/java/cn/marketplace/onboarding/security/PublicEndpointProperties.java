package cn.marketplace.onboarding.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code onboarding.security.*}: how much the public endpoints take from one client.
 *
 * @param rateLimit requests per client: a burst of {@code capacity}, earned back evenly over
 *     {@code refillPeriod}; at most {@code maxClients} clients are tracked at once
 * @param maxBodySize the largest request body a public endpoint reads
 */
@ConfigurationProperties("onboarding.security")
public record PublicEndpointProperties(@DefaultValue RateLimit rateLimit, @DefaultValue("64KB") DataSize maxBodySize) {

  public record RateLimit(@DefaultValue("30") long capacity, @DefaultValue("10m") Duration refillPeriod,
      @DefaultValue("10000") int maxClients) {}
}
