package cn.marketplace.onboarding.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Failed sign-ins per client address ({@code onboarding.security.login-throttle.*}); each account
 * is slowed by the engine's own login delays (its {@code loginDelay*} settings).
 *
 * @param maxFailuresPerClient failed sign-ins a client address may make within {@code clientWindow}
 *     before all its sign-ins are refused with 429 until the window has earned some back
 * @param clientWindow the time in which a client earns back {@code maxFailuresPerClient} failures
 * @param reportWindow how long a failure is shown to administrators
 * @param maxTracked the most client addresses and account names remembered (the oldest go first)
 */
@ConfigurationProperties("onboarding.security.login-throttle")
public record LoginThrottleProperties(
    @DefaultValue("10") int maxFailuresPerClient,
    @DefaultValue("15m") Duration clientWindow,
    @DefaultValue("24h") Duration reportWindow,
    @DefaultValue("10000") int maxTracked) {}
