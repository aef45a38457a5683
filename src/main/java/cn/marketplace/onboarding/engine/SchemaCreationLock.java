package cn.marketplace.onboarding.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Nodes that start together on an empty PostgreSQL database take turns at building the engine:
 * the engine checks for its tables and creates the missing ones with no lock of its own, so two
 * nodes would both run {@code create table} and one would fail to start. Each node holds a
 * PostgreSQL advisory lock, on a connection of its own, from before the engine's schema check until
 * the engine is built; the next node then finds the tables. Other databases are not shared by nodes.
 */
@Component
class SchemaCreationLock extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(SchemaCreationLock.class);
  /** Any number the product's other advisory locks don't use: "onbo" in ASCII. */
  private static final long LOCK_KEY = 0x6f6e626fL;

  private Connection lockConnection;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    DataSource dataSource = configuration.getDataSource();
    try {
      Connection connection = dataSource.getConnection();
      if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
        connection.close();
        return;
      }
      connection.setAutoCommit(true);
      try (Statement statement = connection.createStatement()) {
        log.info("Waiting for other nodes to finish creating the engine's schema, if any is");
        statement.execute("select pg_advisory_lock(" + LOCK_KEY + ")");
      }
      lockConnection = connection;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot take the schema creation lock", e);
    }
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    if (lockConnection == null) {
      return;
    }
    // closing the session releases its advisory lock
    try (Connection connection = lockConnection) {
      lockConnection = null;
      try (Statement statement = connection.createStatement()) {
        statement.execute("select pg_advisory_unlock(" + LOCK_KEY + ")");
      }
    } catch (SQLException e) {
      log.warn("Could not release the schema creation lock cleanly; closing its connection released it", e);
    }
  }
}
