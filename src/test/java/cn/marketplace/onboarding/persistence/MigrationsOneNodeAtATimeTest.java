package cn.marketplace.onboarding.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.testsupport.PostgresServer;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Spring Boot's Flyway migrates through our strategy, which holds the migration lock while Flyway works. */
class MigrationsOneNodeAtATimeTest {

  private final PostgresServer.Database database = PostgresServer.createDatabase("migration_lock");
  private final DriverManagerDataSource dataSource =
      new DriverManagerDataSource(database.url(), database.user(), database.password());

  @AfterEach
  void drop() throws Exception {
    database.drop();
  }

  @Test
  void flywayMigratesWhileTheNodeHoldsTheMigrationLock() {
    List<Long> locksHeldWhileMigrating = new ArrayList<>();
    Flyway flyway = Flyway.configure().dataSource(dataSource)
        .locations("classpath:cn/marketplace/onboarding/persistence/no-migrations")
        .callbacks(new Callback() {
          @Override
          public boolean supports(Event event, Context context) {
            return event == Event.BEFORE_MIGRATE;
          }

          @Override
          public boolean canHandleInTransaction(Event event, Context context) {
            return true;
          }

          @Override
          public void handle(Event event, Context context) {
            locksHeldWhileMigrating.add(migrationLocksHeld());
          }

          @Override
          public String getCallbackName() {
            return "migration lock probe";
          }
        })
        .load();

    new MigrationsOneNodeAtATime().migrateOneNodeAtATime(dataSource).migrate(flyway);

    assertThat(locksHeldWhileMigrating).containsExactly(1L);
    assertThat(migrationLocksHeld()).isZero();
  }

  /** PostgreSQL keeps a one-number advisory lock's low 32 bits as the lock's object id. */
  private long migrationLocksHeld() {
    return new JdbcTemplate(dataSource).queryForObject("select count(*) from pg_locks"
        + " where locktype = 'advisory' and granted and classid = 0 and objid = ?", Long.class,
        MigrationsOneNodeAtATime.LOCK_KEY);
  }
}
