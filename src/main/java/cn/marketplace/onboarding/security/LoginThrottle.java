package cn.marketplace.onboarding.security;

import cn.marketplace.onboarding.engine.EngineClock;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing on every sign-in (our API, the engine REST API, the webapps' login form)
 * without ever locking an account for good.
 *
 * <p>Per client address: a token bucket (Bucket4j) of {@code maxFailuresPerClient} failures, earned
 * back over {@code clientWindow}; a client that has none left is refused before its password is
 * checked. Per account: the engine's login delays, which grow with each failure up to
 * {@code loginDelayMaxTime} and then end (the engine's permanent lock is switched off). So an
 * attacker's own address runs dry, and the rightful user, from another address, waits at most the
 * account's delay.
 *
 * <p>Administrators see recent failures by account and by client address
 * ({@code GET /api/security/login-failures}); the counter {@code onboarding.login.failures} and the
 * gauge {@code onboarding.login.throttled.clients} are for alerting. Times are the engine's clock.
 */
@Component
public class LoginThrottle {

  private final LoginThrottleProperties properties;
  private final EngineClock clock;
  private final TimeMeter engineTime;
  private final Map<String, Bucket> clients;
  private final Map<String, Recent> accounts;
  private final Map<String, Recent> addresses;
  private final MeterRegistry meters;

  LoginThrottle(LoginThrottleProperties properties, EngineClock clock, MeterRegistry meters) {
    this.properties = properties;
    this.clock = clock;
    this.meters = meters;
    this.engineTime = new EngineTimeMeter(clock);
    this.clients = bounded(properties.maxTracked());
    this.accounts = bounded(properties.maxTracked());
    this.addresses = bounded(properties.maxTracked());
    Gauge.builder("onboarding.login.throttled.clients", this, LoginThrottle::throttledClients)
        .description("client addresses whose sign-ins are refused for too many failures")
        .register(meters);
  }

  /** How long {@code clientAddress} must wait before it may sign in again; empty when it may now. */
  public Optional<Duration> refusal(String clientAddress) {
    Bucket bucket = clients.get(clientAddress);
    if (bucket == null || bucket.getAvailableTokens() > 0) {
      return Optional.empty();
    }
    long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
    return Optional.of(Duration.ofNanos(Math.max(nanos, 1)));
  }

  /** A failed sign-in on {@code surface} for {@code userId} (as sent) from {@code clientAddress}. */
  public void failed(String surface, String userId, String clientAddress) {
    Instant now = clock.now();
    clients.computeIfAbsent(clientAddress, any -> newBucket()).tryConsume(1);
    String account = AuthenticationFailureLog.printable(userId);
    accounts.compute(account, (key, recent) -> Recent.next(recent, now, clientAddress, properties.reportWindow()));
    addresses.compute(clientAddress, (key, recent) -> Recent.next(recent, now, account, properties.reportWindow()));
    Counter.builder("onboarding.login.failures").description("failed sign-ins").tag("surface", surface)
        .register(meters).increment();
  }

  /** Accounts and client addresses with failures within the report window, most failures first. */
  public LoginFailures recentFailures() {
    Instant since = clock.now().minus(properties.reportWindow());
    return new LoginFailures(list(accounts, since, null), list(addresses, since, this));
  }

  private static List<LoginFailures.Entry> list(Map<String, Recent> map, Instant since, LoginThrottle throttle) {
    List<LoginFailures.Entry> entries = new ArrayList<>();
    synchronized (map) {
      map.forEach((name, recent) -> {
        if (recent.last().isAfter(since)) {
          Long refusedSeconds = throttle == null ? null
              : throttle.refusal(name).map(wait -> Math.max(1, (wait.toMillis() + 999) / 1000)).orElse(0L);
          entries.add(new LoginFailures.Entry(name, recent.count(), recent.first(), recent.last(),
              List.copyOf(recent.others()), refusedSeconds));
        }
      });
    }
    entries.sort(Comparator.comparingInt(LoginFailures.Entry::failures).reversed()
        .thenComparing(LoginFailures.Entry::name));
    return entries;
  }

  private double throttledClients() {
    synchronized (clients) {
      return clients.values().stream().filter(bucket -> bucket.getAvailableTokens() <= 0).count();
    }
  }

  private Bucket newBucket() {
    int capacity = properties.maxFailuresPerClient();
    return Bucket.builder()
        .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, properties.clientWindow()))
        .withCustomTimePrecision(engineTime)
        .build();
  }

  private static <V> Map<String, V> bounded(int max) {
    return Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > max;
      }
    });
  }

  /** Failures of one account or address within the report window; {@code others}: the addresses or accounts. */
  private record Recent(int count, Instant first, Instant last, List<String> others) {
    private static final int MAX_OTHERS = 10;

    static Recent next(Recent recent, Instant now, String other, Duration window) {
      if (recent == null || !recent.last().isAfter(now.minus(window))) {
        return new Recent(1, now, now, List.of(other));
      }
      List<String> others = new ArrayList<>(recent.others());
      others.remove(other);
      others.add(0, other);
      return new Recent(recent.count() + 1, recent.first(), now, List.copyOf(others.subList(0,
          Math.min(MAX_OTHERS, others.size()))));
    }
  }

  /** Bucket4j on the engine's clock, so that tests move both together. */
  private record EngineTimeMeter(EngineClock clock) implements TimeMeter {
    @Override
    public long currentTimeNanos() {
      Instant now = clock.now();
      return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public boolean isWallClockBased() {
      return true;
    }
  }
}
