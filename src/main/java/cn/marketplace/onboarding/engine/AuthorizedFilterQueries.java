package cn.marketplace.onboarding.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.filter.FilterQueryImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.FilterManager;
import org.springframework.stereotype.Component;

/**
 * The engine's filter query with its authorization check reading the filters the caller is granted
 * ({@code AuthorizedFilterQueries.xml}). Tasklist asks the count and the list of the caller's filters
 * each time it opens; Camunda 7.24 joins every filter with the caller's grants on
 * {@code AUTH.RESOURCE_ID_ IN (RES.ID_, '*')}, the user and its groups named in one {@code OR}, which no
 * index answers: with a "My tasks" per publisher, each of the three statements read every grant of the
 * installation (430,000 at 10,000 publishers: 47-51 ms on PostgreSQL, 4-5 ms with ours). A grant on
 * every filter is asked once before the query ({@link GrantOnAnyFilterFirst}).
 * {@code AuthorizedFilterQueriesTest} fails when an engine upgrade changes what we copied.
 */
@Component
public class AuthorizedFilterQueries extends AbstractProcessEnginePlugin {

  static final String MAPPER = "cn/marketplace/onboarding/engine/AuthorizedFilterQueries.xml";
  static final String NAMESPACE = "cn.marketplace.onboarding.engine.AuthorizedFilterQueries";
  /** Per database, the engine's statements and ours, which replace them. */
  static final Map<String, Map<String, String>> REPLACED = Map.of(
      "h2", Map.of(
          "selectFilterByQueryCriteria", NAMESPACE + ".selectAuthorizedFilterByQueryCriteria",
          "selectFilterCountByQueryCriteria", NAMESPACE + ".selectAuthorizedFilterCountByQueryCriteria"),
      "postgres", Map.of(
          "selectFilterByQueryCriteria", NAMESPACE + ".selectAuthorizedFilterByQueryCriteria_postgres",
          "selectFilterCountByQueryCriteria", NAMESPACE + ".selectAuthorizedFilterCountByQueryCriteria"));
  /** The engine's own PostgreSQL variant, which ours copies with its result map. */
  static final Set<String> VARIANTS_COPIED = Set.of("selectFilterByQueryCriteria_postgres");

  /** Whether the query's check is grants alone, which ours reads ({@link EngineMappers#checksGrantsAlone}). */
  public static boolean checksGrantsAlone(FilterQueryImpl query) {
    return EngineMappers.checksGrantsAlone(query.getAuthCheck());
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl engine) {
    List<SessionFactory> sessionFactories = engine.getCustomSessionFactories() == null ? new ArrayList<>()
        : new ArrayList<>(engine.getCustomSessionFactories());
    sessionFactories.add(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return FilterManager.class;
      }

      @Override
      public Session openSession() {
        return new GrantOnAnyFilterFirst(REPLACED.containsKey(engine.getDatabaseType()));
      }
    });
    engine.setCustomSessionFactories(sessionFactories);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl engine) {
    EngineMappers.replaceStatements(engine, MAPPER, REPLACED, VARIANTS_COPIED);
  }

  /**
   * The engine's filter manager, which asks first whether the caller of a filter query is granted every
   * filter ({@code '*'}) and then runs the query without a check: ours lists the filters granted one by
   * one, each found by its id, where the grant on any filter beside them made H2 test every filter of
   * the installation (10,000 at 10,000 publishers: 450 ms for an ISV's Tasklist sidebar).
   */
  static class GrantOnAnyFilterFirst extends FilterManager {

    private final boolean oursReplaceTheEngines;

    GrantOnAnyFilterFirst(boolean oursReplaceTheEngines) {
      this.oursReplaceTheEngines = oursReplaceTheEngines;
    }

    @Override
    protected void configureQuery(AbstractQuery<?, ?> query, Resource resource) {
      super.configureQuery(query, resource);
      if (oursReplaceTheEngines && query instanceof FilterQueryImpl filterQuery) {
        AuthorizationCheck check = filterQuery.getAuthCheck();
        // what the statements test as "authCheck.shouldPerformAuthorizatioCheck"
        if (check.getShouldPerformAuthorizatioCheck() && check.getAuthUserId() != null && checksGrantsAlone(filterQuery)
            && (Long) getDbEntityManager().selectOne(NAMESPACE + ".selectGrantOnAnyFilterCount", filterQuery) > 0) {
          check.setAuthorizationCheckEnabled(false);
        }
      }
    }
  }
}
