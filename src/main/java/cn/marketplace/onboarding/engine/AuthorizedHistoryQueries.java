package cn.marketplace.onboarding.engine;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.engine.impl.AbstractVariableQueryImpl;
import org.camunda.bpm.engine.impl.HistoricProcessInstanceQueryImpl;
import org.camunda.bpm.engine.impl.HistoricProcessInstanceQueryProperty;
import org.camunda.bpm.engine.impl.QueryOrderingProperty;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * The engine's list of historic process instances, when it names no criterion and is ordered by start time
 * (the engine REST API's instance history, newest first, as operations and staff ask it), read in the order of
 * the engine's start-time index with the authorization check as an {@code EXISTS} per instance
 * ({@code AuthorizedHistoryQueries.xml}); every other such query keeps the engine's statement.
 *
 * <p>Camunda 7.24 joins every instance with the caller's grants in a derived table and then needs
 * {@code select distinct … order by … limit}: H2 reads, checks and sorts every instance of the installation
 * for one page (3.3–4.6 s at 100,000 instances); PostgreSQL does too while the instances are few enough for
 * its estimates (43 ms at 10,000, the sort spilled to disk), and walks the index only past them. Ours lets
 * both stop after the page (PostgreSQL asks the grant on any instance once and reads the grants on
 * definition keys once, as a set). A caller granted few instances walks the index further, and one granted
 * none reads it all. {@code AuthorizedHistoryQueriesTest} fails when an engine upgrade changes what we copied.
 */
@Component
public class AuthorizedHistoryQueries extends AbstractProcessEnginePlugin {

  static final String MAPPER = "cn/marketplace/onboarding/engine/AuthorizedHistoryQueries.xml";
  static final String NAMESPACE = "cn.marketplace.onboarding.engine.AuthorizedHistoryQueries";
  /** The engine's index of the instances by start time (and end time). */
  static final String START_TIME_INDEX = "ACT_IDX_HI_PRO_INST_PROC_TIME";
  /** Per database, the engine's statements and ours, which replace them. */
  static final Map<String, Map<String, String>> REPLACED = Map.of(
      "h2", Map.of("selectHistoricProcessInstancesByQueryCriteria",
          NAMESPACE + ".selectAuthorizedHistoricProcessInstancesByQueryCriteria"),
      "postgres", Map.of("selectHistoricProcessInstancesByQueryCriteria",
          NAMESPACE + ".selectAuthorizedHistoricProcessInstancesByQueryCriteriaOnPostgres"));

  /** The query's fields that are not criteria: the "or" queries it holds (itself among them). */
  private static final Set<String> NOT_CRITERIA = Set.of("queries", "isOrQueryActive");
  private static final List<Field> CRITERIA = Stream.of(HistoricProcessInstanceQueryImpl.class, AbstractVariableQueryImpl.class)
      .flatMap(type -> Arrays.stream(type.getDeclaredFields()))
      .filter(field -> !Modifier.isStatic(field.getModifiers()) && !NOT_CRITERIA.contains(field.getName()))
      .map(AuthorizedHistoryQueries::readable)
      .toList();
  /** A new query, never run: what each criterion is when a query does not name it. */
  private static final HistoricProcessInstanceQueryImpl WITHOUT_CRITERIA = new HistoricProcessInstanceQueryImpl();

  /**
   * Whether ours answers the query: it names no criterion (every field a new query leaves as it is; a
   * criterion a later engine adds counts too), no "or" query, is ordered by start time alone (an order by
   * the process definition's name or version would name a column ours does not select as the engine's does),
   * and its authorization check reads grants alone (no revoke check, no composite check).
   */
  public static boolean everyInstanceByStartTime(HistoricProcessInstanceQueryImpl query) {
    return query.getQueries().size() == 1 && byStartTimeAlone(query) && EngineMappers.checksGrantsAlone(query.getAuthCheck())
        && namesNoCriterion(query);
  }

  private static boolean byStartTimeAlone(HistoricProcessInstanceQueryImpl query) {
    List<QueryOrderingProperty> orderings = query.getOrderingProperties();
    return orderings.size() == 1 && orderings.get(0).getRelation() == null
        && HistoricProcessInstanceQueryProperty.START_TIME.equals(orderings.get(0).getQueryProperty());
  }

  private static boolean namesNoCriterion(HistoricProcessInstanceQueryImpl query) {
    try {
      for (Field criterion : CRITERIA) {
        if (!Objects.deepEquals(criterion.get(query), criterion.get(WITHOUT_CRITERIA))) {
          return false;
        }
      }
      return true;
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read the criteria of a historic process instance query", e);
    }
  }

  private static Field readable(Field field) {
    field.setAccessible(true);
    return field;
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl engine) {
    EngineMappers.replaceStatements(engine, MAPPER, REPLACED, Set.of());
  }
}
