package cn.marketplace.onboarding.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * Before every query and check with authorization, Camunda 7.24 keeps of the caller's groups those that
 * hold a grant, and finds them by reading every group that holds one
 * ({@code SELECT distinct(GROUP_ID_) FROM ACT_RU_AUTHORIZATION}): one per publisher, 60 ms of a
 * 90 ms task list on PostgreSQL at 100,000 open tasks, growing with publishers and grants. This plugin
 * gives the engine an {@link AuthorizationManager} that asks the database about the caller's groups
 * only, one grant each ({@code AuthorizedGroups.xml}), through the engine's own extension point for its
 * sessions; the answer is the same set. {@code AuthorizedGroupsTest} compares both and fails when an engine upgrade
 * changes the method or statement this replaces.
 */
@Component
public class AuthorizedGroups extends AbstractProcessEnginePlugin {

  static final String MAPPER = "cn/marketplace/onboarding/engine/AuthorizedGroups.xml";
  static final String STATEMENT = "cn.marketplace.onboarding.engine.AuthorizedGroups.selectGroupIdsWithGrants";

  @Override
  public void preInit(ProcessEngineConfigurationImpl engine) {
    List<SessionFactory> sessions = engine.getCustomSessionFactories() == null ? new ArrayList<>()
        : new ArrayList<>(engine.getCustomSessionFactories());
    sessions.add(authorizationManagers());
    engine.setCustomSessionFactories(sessions);
  }

  /** The session factory that gives a command our authorization manager (Cockpit's queries use it too). */
  static SessionFactory authorizationManagers() {
    return new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return AuthorizationManager.class;
      }

      @Override
      public Session openSession() {
        return new ByCallersGroups();
      }
    };
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl engine) {
    EngineMappers.load(engine, MAPPER);
  }

  /** The engine's authorization manager, finding which of a caller's groups hold grants by those groups. */
  static class ByCallersGroups extends AuthorizationManager {

    /** Per command, as the engine kept its set of every group per command. */
    private final Map<List<String>, List<String>> withGrants = new HashMap<>();

    @Override
    @SuppressWarnings("unchecked")
    public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
      if (authenticatedGroupIds == null || authenticatedGroupIds.isEmpty()) {
        return super.filterAuthenticatedGroupIds(authenticatedGroupIds);
      }
      return new ArrayList<>(withGrants.computeIfAbsent(List.copyOf(authenticatedGroupIds),
          groups -> (List<String>) getDbEntityManager().selectList(STATEMENT, groups)));
    }
  }
}
