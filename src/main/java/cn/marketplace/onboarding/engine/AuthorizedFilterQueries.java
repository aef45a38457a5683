package cn.marketplace.onboarding.engine;

import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.filter.FilterQueryImpl;
import org.springframework.stereotype.Component;

/**
 * The engine's filter query with its authorization check reading the filters the caller is granted
 * ({@code AuthorizedFilterQueries.xml}). Tasklist asks the count and the list of the caller's filters
 * each time it opens; Camunda 7.24 joins every filter with the caller's grants on
 * {@code AUTH.RESOURCE_ID_ IN (RES.ID_, '*')}, the user and its groups named in one {@code OR}, which no
 * index answers: with a "My tasks" per publisher, each of the three statements read every grant of the
 * installation (430,000 at 10,000 publishers: 47-51 ms on PostgreSQL, 4-5 ms with ours).
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

  /**
   * Whether the query's check is grants alone, which ours reads: not with revoke checks on (a revoke
   * can take back a group's grant), nor with composite checks (the engine's filter query makes none).
   */
  public static boolean checksGrantsAlone(FilterQueryImpl query) {
    AuthorizationCheck check = query.getAuthCheck();
    return !check.isRevokeAuthorizationCheckEnabled() && check.getPermissionChecks().getCompositeChecks().isEmpty();
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl engine) {
    EngineMappers.replaceStatements(engine, MAPPER, REPLACED, VARIANTS_COPIED);
  }
}
