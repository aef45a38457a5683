package cn.marketplace.onboarding.persistence;

import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Nodes that start together on an empty PostgreSQL database run our migrations one at a time. Flyway
 * locks only once its history table exists: a node that looked while another was creating the table
 * found the schema no longer empty and the table without a row, refused to baseline it and did not
 * start. Each node now migrates under an advisory lock, and the next finds the migrations done.
 */
@Configuration(proxyBeanMethods = false)
class MigrationsOneNodeAtATime {

  /** Any number the product's other advisory locks don't use: "migr" in ASCII. */
  static final long LOCK_KEY = 0x6d696772L;

  @Bean
  FlywayMigrationStrategy migrateOneNodeAtATime(DataSource dataSource) {
    return flyway -> AdvisoryLock.runExclusively(dataSource, LOCK_KEY, "migrating the schema", flyway::migrate);
  }
}
