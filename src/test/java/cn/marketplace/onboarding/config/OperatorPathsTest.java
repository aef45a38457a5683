package cn.marketplace.onboarding.config;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.activation.PartnerDirectory;
import cn.marketplace.onboarding.activation.PartnerDirectoryProperties;
import cn.marketplace.onboarding.calendar.BusinessCalendar;
import cn.marketplace.onboarding.calendar.CalendarProperties;
import cn.marketplace.onboarding.security.SecretsProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The product's file settings taken as operators write them, in a configuration file or in the
 * environment: a plain path, a {@code file:} URL, a {@code classpath:} resource. Each runs in a web
 * application on Tomcat, where Spring's own reading of a plain path looked inside the web
 * application instead of on the disk.
 */
class OperatorPathsTest {

  @TempDir Path etc;

  @ParameterizedTest
  @ValueSource(strings = {"plain", "file:", "relative"})
  void filesOnTheDiskAsAConfigFileNamesThem(String form) throws IOException {
    if (form.equals("relative")) {
      // relative to the working directory, as `data/secrets-key` is by default
      etc = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "operator-paths").toAbsolutePath();
    }
    Files.copy(Path.of("src/test/resources/test-partner-directory.csv"), etc.resolve("partners.csv"));
    Files.copy(Path.of("src/test/resources/test-customer-directory.csv"), etc.resolve("customers.csv"));
    Files.writeString(etc.resolve("holidays-2031.yaml"), """
        year: 2031
        holidays:
          - { name: "元旦 New Year's Day", from: 2031-01-01, to: 2031-01-01 }
        """);
    String prefix = switch (form) {
      case "plain" -> etc + "/";
      case "file:" -> "file:" + etc + "/";
      default -> Path.of("").toAbsolutePath().relativize(etc) + "/";
    };
    Path config = etc.resolve("application.yaml");
    Files.writeString(config, """
        onboarding:
          partner-directory:
            file: %1$spartners.csv
            customer-file: %1$scustomers.csv
          calendar:
            holiday-files: %1$sholidays-*.yaml
          secrets:
            key-file: %1$ssecrets-key
        """.formatted(prefix));

    try (ConfigurableApplicationContext context = start(new StandardEnvironment(),
        "--spring.config.location=file:" + config)) {
      assertReadFrom(context, etc);
    }
  }

  @Test
  void filesInTheJarAsAConfigFileNamesThem() throws IOException {
    Path config = etc.resolve("application.yaml");
    Files.writeString(config, """
        onboarding:
          partner-directory:
            file: classpath:test-partner-directory.csv
            customer-file: classpath:test-customer-directory.csv
          calendar:
            holiday-files: classpath:config/holidays-2026.yaml
        """);
    try (ConfigurableApplicationContext context = start(new StandardEnvironment(),
        "--spring.config.location=file:" + config)) {
      PartnerDirectory directory = context.getBean(PartnerDirectory.class);
      assertThat(directory.partner("1234567")).hasValue("Shanghai Example Software Co. Ltd.");
      assertThat(context.getBean(BusinessCalendar.class).knowsYear(2026)).isTrue();
    }
  }

  @Test
  void plainPathsFromTheEnvironment() throws IOException {
    Files.copy(Path.of("src/test/resources/test-partner-directory.csv"), etc.resolve("partners.csv"));
    Files.copy(Path.of("src/test/resources/test-customer-directory.csv"), etc.resolve("customers.csv"));
    Files.writeString(etc.resolve("holidays-2031.yaml"), "year: 2031\n");
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
            "ONBOARDING_PARTNERDIRECTORY_FILE", etc.resolve("partners.csv").toString(),
            "ONBOARDING_PARTNERDIRECTORY_CUSTOMERFILE", etc.resolve("customers.csv").toString(),
            "ONBOARDING_CALENDAR_HOLIDAYFILES", etc + "/holidays-*.yaml",
            "ONBOARDING_SECRETS_KEYFILE", etc.resolve("secrets-key").toString())));
    try (ConfigurableApplicationContext context = start(environment, "--spring.config.location=optional:file:none/")) {
      assertReadFrom(context, etc);
    }
  }

  private static void assertReadFrom(ConfigurableApplicationContext context, Path etc) {
    PartnerDirectory directory = context.getBean(PartnerDirectory.class);
    assertThat(directory.partner("1234567")).hasValue("Shanghai Example Software Co. Ltd.");
    assertThat(directory.azureCustomer("3f2504e0-4f89-11d3-9a0c-0305e82c3301")).isPresent();
    BusinessCalendar calendar = context.getBean(BusinessCalendar.class);
    assertThat(calendar.knowsYear(2031)).isTrue();
    assertThat(context.getBean(SecretsProperties.class).keyFile().toAbsolutePath())
        .isEqualTo(etc.resolve("secrets-key").toAbsolutePath());
  }

  private static ConfigurableApplicationContext start(StandardEnvironment environment, String... args) {
    SpringApplication application = new SpringApplicationBuilder(PathSettings.class)
        .web(WebApplicationType.SERVLET).environment(environment).build();
    return application.run(args);
  }

  /** The beans that read the operator's files, in a web application of their own. */
  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({PartnerDirectoryProperties.class, CalendarProperties.class, SecretsProperties.class})
  @ComponentScan(basePackages = "cn.marketplace.onboarding", useDefaultFilters = false,
      includeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = {
          "cn\\.marketplace\\.onboarding\\.activation\\.PartnerDirectory",
          "cn\\.marketplace\\.onboarding\\.calendar\\.CalendarConfiguration"}))
  static class PathSettings {

    @Bean
    TomcatServletWebServerFactory tomcat() {
      return new TomcatServletWebServerFactory(0);
    }
  }
}
