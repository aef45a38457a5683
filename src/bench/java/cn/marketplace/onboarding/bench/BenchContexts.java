package cn.marketplace.onboarding.bench;

import cn.marketplace.onboarding.OnboardingApplication;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the whole product in this JVM, as the tests do (profile {@code test}: the test partner
 * directory, a test secrets key, Azurite and the loopback allowed as storage, no job executor unless
 * asked for), plus {@code postgres} on PostgreSQL and whatever profiles a measurement adds
 * ({@code bench}: the outside world answered by in-process fakes). The web server listens on a free port.
 */
final class BenchContexts {

  private BenchContexts() {}

  static ConfigurableApplicationContext start(BenchDatabase database, List<String> profiles,
      Map<String, Object> properties) {
    List<String> active = new ArrayList<>();
    if (database.postgres()) {
      active.add("postgres");
    }
    active.add("test");
    active.addAll(profiles);
    Map<String, Object> overrides = new HashMap<>(database.springProperties());
    overrides.put("server.port", 0);
    overrides.put("camunda.bpm.generate-unique-process-engine-name", true);
    overrides.put("spring.datasource.generate-unique-name", true);
    overrides.putAll(properties);
    return new SpringApplicationBuilder(OnboardingApplication.class)
        .profiles(active.toArray(String[]::new))
        .initializers(context -> context.getEnvironment().getPropertySources()
            .addFirst(new MapPropertySource("bench", overrides)))
        .logStartupInfo(false)
        .bannerMode(org.springframework.boot.Banner.Mode.OFF)
        .run();
  }
}
