package cn.marketplace.onboarding.testsupport;

import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points every test context at the real local services: GreenMail for SMTP, Azurite as the product's
 * report storage and, with {@code -Dtest.database=postgres}, a fresh PostgreSQL database of its own.
 */
public class TestInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("spring.mail.host", "127.0.0.1");
    properties.put("spring.mail.port", MailServer.port());
    properties.putAll(TestDatabase.properties());
    // the product's own storage account for certification reports: Azurite, started on first use
    properties.put("onboarding.storage.report-connection-string", Azurite.instance().connectionString());
    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-infrastructure", properties));
  }
}
