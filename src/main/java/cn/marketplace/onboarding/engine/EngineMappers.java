package cn.marketplace.onboarding.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;

/** Our MyBatis statements beside the engine's, in the engine's own session factory. */
final class EngineMappers {

  /** The caller's grants as our replacements of the engine's queries ask for them. */
  static final String CALLERS_GRANTS = "cn/marketplace/onboarding/engine/CallersGrants.xml";

  private EngineMappers() {}

  /**
   * Whether a query's authorization check is grants alone, which our statements read
   * ({@link #CALLERS_GRANTS}): not with revoke checks on (a revoke can take back a group's grant), nor with
   * composite checks.
   */
  static boolean checksGrantsAlone(AuthorizationCheck check) {
    return !check.isRevokeAuthorizationCheckEnabled() && check.getPermissionChecks().getCompositeChecks().isEmpty();
  }

  /** Loads the mapper at {@code path} once: several engines in one JVM may share a session factory. */
  static void load(ProcessEngineConfigurationImpl engine, String path) {
    Configuration mybatis = engine.getSqlSessionFactory().getConfiguration();
    if (mybatis.isResourceLoaded(path)) {
      return;
    }
    try (InputStream mapper = EngineMappers.class.getClassLoader().getResourceAsStream(path)) {
      if (mapper == null) {
        throw new IllegalStateException(path + " is missing from the classpath");
      }
      new XMLMapperBuilder(mapper, mybatis, path, mybatis.getSqlFragments()).parse();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Loads our mapper (after the caller's grants it includes) and routes the engine's statements to ours
   * on the databases we copied them for, through {@link DbSqlSessionFactory#mapStatement}, the table that
   * gives a database its own variant of a statement, in a copy of that table: the engine's statements
   * stay as they are and other engines in the JVM are not touched. Where the engine already has a
   * variant for this database, ours replaces it only if we copied that variant; any other means an engine
   * upgrade added one, and our copy must be redone for it.
   *
   * @param replaced per database type, the engine's statements and ours, which replace them
   */
  static void replaceStatements(ProcessEngineConfigurationImpl engine, String mapper,
      Map<String, Map<String, String>> replaced, Set<String> variantsCopied) {
    Map<String, String> ours = replaced.get(engine.getDatabaseType());
    if (ours == null) {
      return;
    }
    load(engine, CALLERS_GRANTS);
    load(engine, mapper);
    DbSqlSessionFactory statements = engine.getDbSqlSessionFactory();
    Map<String, String> mappings = statements.getStatementMappings() == null ? new HashMap<>()
        : new HashMap<>(statements.getStatementMappings());
    ours.forEach((engineStatement, replacement) -> {
      String databaseVariant = mappings.get(engineStatement);
      if (databaseVariant != null && !databaseVariant.equals(replacement) && !variantsCopied.contains(databaseVariant)) {
        throw new IllegalStateException("the engine has its own " + databaseVariant + " for " + engineStatement
            + " on " + engine.getDatabaseType() + ": " + mapper + " must be redone for it");
      }
      mappings.put(engineStatement, replacement);
    });
    statements.setStatementMappings(mappings);
  }
}
