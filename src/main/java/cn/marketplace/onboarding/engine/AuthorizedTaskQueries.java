package cn.marketplace.onboarding.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.springframework.stereotype.Component;

/**
 * On H2, the engine's task query with its authorization check as an {@code EXISTS} per task
 * ({@code AuthorizedTaskQueries.xml}), for every task list: Tasklist's filters and candidate-group lists,
 * the REST API, our own queries. PostgreSQL keeps the engine's statement: it starts an ISV's "My
 * tasks" from the ISV's grants, which the {@code EXISTS} form would turn into a probe per open task.
 *
 * <p>Camunda 7.24 joins a task query with the user's grants on
 * {@code AUTH.RESOURCE_ID_ IN (RES.ID_, D.KEY_, '*')}: every open task meets every grant of the
 * user's groups, and neither H2 nor PostgreSQL can use an index for that join. The engine looks its
 * statements up through {@link DbSqlSessionFactory#mapStatement}, the table that gives a database its
 * own variant of a statement; we add ours to a copy of that table, so the engine's statements stay
 * as they are and other engines in the JVM are not touched. This is the one place where engine SQL
 * is replaced; {@code AuthorizedTaskQueriesTest} fails when an engine upgrade changes what we copied.
 */
@Component
public class AuthorizedTaskQueries extends AbstractProcessEnginePlugin {

  static final String MAPPER = "cn/marketplace/onboarding/engine/AuthorizedTaskQueries.xml";
  static final String NAMESPACE = "cn.marketplace.onboarding.engine.AuthorizedTaskQueries";
  /** The engine's statement and ours, which replaces it. */
  static final Map<String, String> REPLACED = Map.of(
      "selectTaskByQueryCriteria", NAMESPACE + ".selectAuthorizedTaskByQueryCriteria",
      "selectTaskCountByQueryCriteria", NAMESPACE + ".selectAuthorizedTaskCountByQueryCriteria");

  /** The databases our statements are for: H2 keeps outer joins in the order written, and scans every task first. */
  static final String DATABASE = "h2";

  @Override
  public void postInit(ProcessEngineConfigurationImpl engine) {
    if (!DATABASE.equals(engine.getDatabaseType())) {
      return;
    }
    Configuration mybatis = engine.getSqlSessionFactory().getConfiguration();
    // a shared session factory (several engines in one JVM) holds our statements already
    if (!mybatis.isResourceLoaded(MAPPER)) {
      try (InputStream mapper = AuthorizedTaskQueries.class.getClassLoader().getResourceAsStream(MAPPER)) {
        if (mapper == null) {
          throw new IllegalStateException(MAPPER + " is missing from the classpath");
        }
        new XMLMapperBuilder(mapper, mybatis, MAPPER, mybatis.getSqlFragments()).parse();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    DbSqlSessionFactory statements = engine.getDbSqlSessionFactory();
    Map<String, String> mappings = statements.getStatementMappings() == null ? new HashMap<>()
        : new HashMap<>(statements.getStatementMappings());
    REPLACED.forEach((engineStatement, ours) -> {
      String databaseVariant = mappings.get(engineStatement);
      if (databaseVariant != null && !databaseVariant.equals(ours)) {
        throw new IllegalStateException("the engine has its own " + databaseVariant + " for " + engineStatement
            + " on " + engine.getDatabaseType() + ": AuthorizedTaskQueries.xml must be redone for it");
      }
      mappings.put(engineStatement, ours);
    });
    statements.setStatementMappings(mappings);
  }
}
