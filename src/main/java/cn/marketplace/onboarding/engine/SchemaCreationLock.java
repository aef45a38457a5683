package cn.marketplace.onboarding.engine;

import cn.marketplace.onboarding.persistence.AdvisoryLock;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Nodes that start together on an empty PostgreSQL database take turns at building the engine:
 * the engine checks for its tables and creates the missing ones with no lock of its own, so two
 * nodes would both run {@code create table} and one would fail to start. Each node holds an
 * advisory lock from before the engine's schema check until the engine is built; the next node then
 * finds the tables. Other databases are not shared by nodes.
 */
@Component
class SchemaCreationLock extends AbstractProcessEnginePlugin {

  /** Any number the product's other advisory locks don't use: "onbo" in ASCII. */
  private static final long LOCK_KEY = 0x6f6e626fL;

  private AdvisoryLock held;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    held = AdvisoryLock.take(configuration.getDataSource(), LOCK_KEY, "creating the engine's schema");
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    if (held != null) {
      held.close();
      held = null;
    }
  }
}
