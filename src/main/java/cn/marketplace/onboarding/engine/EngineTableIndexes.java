package cn.marketplace.onboarding.engine;

import cn.marketplace.onboarding.persistence.AdvisoryLock;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.flywaydb.core.Flyway;
import org.springframework.stereotype.Component;

/**
 * Our indexes on the engine's tables ({@code db/engine/V*__*.sql}), applied by Flyway right after the
 * engine has created or updated its schema, on every start.
 *
 * <p>Not in {@code db/migration}: Spring Boot runs those before the engine exists, so on a fresh
 * database {@code ACT_RU_TASK} is not there yet. A Flyway of its own, with its own history table,
 * keeps what the product's migrations keep: each script runs once, in order, recorded with its
 * checksum, the same SQL on H2 and PostgreSQL, and nodes starting together take turns (an advisory
 * lock around the migration: Flyway's own comes after its history table is created) instead of
 * creating the same table or index twice. The scripts say {@code if not exists}, so an engine
 * upgrade that adds the same index under our name, or a database restored without our history,
 * does no harm.
 */
@Component
public class EngineTableIndexes extends AbstractProcessEnginePlugin {

  static final String HISTORY_TABLE = "onboarding_engine_index_history";
  /** Any number the product's other advisory locks don't use: "eidx" in ASCII. */
  private static final long LOCK_KEY = 0x65696478L;

  private final DataSource dataSource;

  EngineTableIndexes(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    AdvisoryLock.runExclusively(dataSource, LOCK_KEY, "indexing the engine's tables", () -> Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/engine")
        .table(HISTORY_TABLE)
        // the engine's tables are already there: start our history at zero instead of refusing
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate());
  }
}
