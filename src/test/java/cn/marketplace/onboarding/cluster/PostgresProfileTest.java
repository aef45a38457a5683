package cn.marketplace.onboarding.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.testsupport.PostgresServer;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

/**
 * The connection pool of profile {@code postgres}, bound from {@code config/application-postgres.yaml}
 * as Spring Boot binds it, makes PostgreSQL plan each statement for its own values (BENCHMARKS.md: a
 * cached generic plan sorted every task of the reviewers' group for a page of 15).
 */
class PostgresProfileTest {

  @Test
  void everyConnectionOfTheProfilePlansStatementsForTheirValues() throws Exception {
    StandardEnvironment environment = new StandardEnvironment();
    new YamlPropertySourceLoader().load("application-postgres", new FileSystemResource("config/application-postgres.yaml"))
        .forEach(environment.getPropertySources()::addFirst);
    PostgresServer.Database database = PostgresServer.createDatabase("onboarding_profile");
    try (HikariDataSource pool = Binder.get(environment)
        .bind("spring.datasource.hikari", Bindable.ofInstance(new HikariDataSource())).get()) {
      pool.setJdbcUrl(database.url());
      pool.setUsername(database.user());
      pool.setPassword(database.password());
      try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
          ResultSet mode = statement.executeQuery("show plan_cache_mode")) {
        assertThat(mode.next()).isTrue();
        assertThat(mode.getString(1)).isEqualTo("force_custom_plan");
      }
    } finally {
      database.drop();
    }
  }
}
