package cn.marketplace.onboarding.engine;

import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.VariableInstanceQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * The engine's list of variable instances with the authorization check as an {@code EXISTS} per variable
 * ({@code AuthorizedVariableQueries.xml}), when the check reads grants alone; otherwise the engine's statement.
 *
 * <p>Tasklist asks it with every page of a filter that shows variables (the page's tasks, executions and
 * instances as scopes, the shown names). Camunda 7.24 joins every variable with every grant of the caller
 * that may name it and then needs {@code select distinct}: the database reads all of the caller's grants,
 * one per task of the caller's group, for the 15 tasks of a page (7–12 ms on PostgreSQL at 10,000 open
 * tasks; 43,000 grants read, 45,000 pairs compared). Ours looks up the grants of each variable's instance,
 * definition key and task by their resource ids. {@code AuthorizedVariableQueriesTest} fails when an engine
 * upgrade changes what we copied.
 */
@Component
public class AuthorizedVariableQueries extends AbstractProcessEnginePlugin {

  static final String MAPPER = "cn/marketplace/onboarding/engine/AuthorizedVariableQueries.xml";
  static final String NAMESPACE = "cn.marketplace.onboarding.engine.AuthorizedVariableQueries";
  private static final String OURS = NAMESPACE + ".selectAuthorizedVariableInstanceByQueryCriteria";
  /** Per database, the engine's statements and ours, which replace them. */
  static final Map<String, Map<String, String>> REPLACED = Map.of(
      "h2", Map.of("selectVariableInstanceByQueryCriteria", OURS),
      "postgres", Map.of("selectVariableInstanceByQueryCriteria", OURS));

  /** Whether ours answers the query: its authorization check reads grants alone (no revoke, no composite check). */
  public static boolean checksGrantsAlone(VariableInstanceQueryImpl query) {
    return EngineMappers.checksGrantsAlone(query.getAuthCheck());
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl engine) {
    EngineMappers.replaceStatements(engine, MAPPER, REPLACED, Set.of());
  }
}
