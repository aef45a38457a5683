package cn.marketplace.onboarding.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.cockpit.Cockpit;
import org.camunda.bpm.cockpit.db.CommandExecutor;
import org.camunda.bpm.cockpit.impl.DefaultCockpitRuntimeDelegate;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.webapp.impl.db.QuerySessionFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Cockpit's list of a process's running instances with its authorization check as an {@code EXISTS}
 * per instance and without {@code DISTINCT} ({@code AuthorizedCockpitQueries.xml}), and with the
 * caller's groups holding grants found as the engine finds them ({@link AuthorizedGroups}).
 *
 * <p>Cockpit runs its own statements in a session factory of its own, built from the engine's
 * configuration without the engine's plugins, and its list joined every instance of the process with the
 * caller's grants and sorted them all before the first page: at 100,000 open tasks, the 30,000 instances
 * of one process. Cockpit takes that factory from its runtime delegate, which its servlet listener sets
 * when the webapp starts; once the application has started we give Cockpit a delegate whose factory
 * routes Cockpit's two statements to ours, through the same statement table the engine uses for a
 * database's variants ({@link DbSqlSessionFactory#mapStatement}). {@code AuthorizedCockpitQueriesTest}
 * fails when a webapp upgrade changes what we copied.
 */
@Component
public class AuthorizedCockpitQueries {

  static final String MAPPER = "cn/marketplace/onboarding/engine/AuthorizedCockpitQueries.xml";
  static final String NAMESPACE = "cn.marketplace.onboarding.engine.AuthorizedCockpitQueries";
  static final String PAGE = "selectRunningProcessInstancesIncludingIncidents";
  static final String COUNT = "selectRunningProcessInstancesCount";

  /**
   * Cockpit's statements and ours, which replace them: the page and the count read from the instances'
   * history rows where those rows tell which instances run ({@link #historyTellsRunningInstances}).
   */
  static Map<String, String> replaced(ProcessEngineConfigurationImpl engine, boolean byHistory) {
    boolean fromHistory = byHistory && historyTellsRunningInstances(engine);
    return Map.of(
        PAGE, NAMESPACE + (fromHistory
            ? ".selectAuthorizedRunningProcessInstancesByHistory" : ".selectAuthorizedRunningProcessInstances"),
        COUNT, NAMESPACE + (fromHistory
            ? ".selectAuthorizedRunningProcessInstancesCountByHistory" : ".selectAuthorizedRunningProcessInstancesCount"));
  }

  /**
   * Whether every running instance has its row in {@code ACT_HI_PROCINST} without an end time, and every
   * ended one its end time: the history level writes the row when the instance starts and its end time when
   * it ends or is deleted, in the same transaction, into the engine's own tables, and clean-up removes a row
   * only after its instance ended (by removal time from the end, or none). The engine refuses to start on a
   * database kept at another history level, so no instance started or ended without it.
   */
  static boolean historyTellsRunningInstances(ProcessEngineConfigurationImpl engine) {
    return engine.getHistoryLevel() != null
        && engine.getHistoryLevel().isHistoryEventProduced(HistoryEventTypes.PROCESS_INSTANCE_START, null)
        && engine.getHistoryLevel().isHistoryEventProduced(HistoryEventTypes.PROCESS_INSTANCE_END, null)
        && engine.isEnableDefaultDbHistoryEventHandler()
        && !ProcessEngineConfiguration.HISTORY_REMOVAL_TIME_STRATEGY_START.equals(engine.getHistoryRemovalTimeStrategy());
  }

  @EventListener(ApplicationStartedEvent.class)
  public void routeCockpitsInstanceList() {
    Cockpit.setCockpitRuntimeDelegate(new RuntimeDelegate());
  }

  /** Cockpit's runtime delegate, with our statements and authorization manager in its query sessions. */
  static class RuntimeDelegate extends DefaultCockpitRuntimeDelegate {

    private final boolean byHistory;

    RuntimeDelegate() {
      this(true);
    }

    /** @param byHistory whether the page and count may be read from the history rows where those tell which instances run */
    RuntimeDelegate(boolean byHistory) {
      this.byHistory = byHistory;
    }

    @Override
    protected List<String> getMappingFiles() {
      List<String> mappings = new ArrayList<>(super.getMappingFiles());
      mappings.add(MAPPER);
      mappings.add(AuthorizedGroups.MAPPER);
      mappings.add(EngineMappers.CALLERS_GRANTS);
      return mappings;
    }

    @Override
    protected CommandExecutor createCommandExecutor(String engineName) {
      ProcessEngine engine = getProcessEngine(engineName);
      if (engine == null) {
        throw new ProcessEngineException("No process engine with name " + engineName + " found.");
      }
      QuerySessions sessions = new QuerySessions(byHistory);
      sessions.initFromProcessEngineConfiguration(((ProcessEngineImpl) engine).getProcessEngineConfiguration(),
          getMappingFiles());
      return new CommandExecutor() {
        @Override
        public <T> T executeCommand(Command<T> command) {
          return sessions.getCommandExecutorTxRequired().execute(command);
        }
      };
    }
  }

  /** Cockpit's query session factory, with {@link AuthorizedGroups}' authorization manager and our statements. */
  static class QuerySessions extends QuerySessionFactory {

    private final boolean byHistory;

    QuerySessions(boolean byHistory) {
      this.byHistory = byHistory;
    }

    @Override
    public void initFromProcessEngineConfiguration(ProcessEngineConfigurationImpl engine, List<String> mappingFiles) {
      setCustomSessionFactories(List.of(AuthorizedGroups.authorizationManagers()));
      super.initFromProcessEngineConfiguration(engine, mappingFiles);
      DbSqlSessionFactory statements = getDbSqlSessionFactory();
      Map<String, String> mappings = statements.getStatementMappings() == null ? new HashMap<>()
          : new HashMap<>(statements.getStatementMappings());
      replaced(engine, byHistory).forEach((cockpitStatement, ours) -> {
        if (mappings.containsKey(cockpitStatement)) {
          throw new IllegalStateException("Cockpit has its own " + mappings.get(cockpitStatement) + " for "
              + cockpitStatement + " on " + getDatabaseType() + ": AuthorizedCockpitQueries.xml must be redone for it");
        }
        mappings.put(cockpitStatement, ours);
      });
      statements.setStatementMappings(mappings);
    }
  }
}
