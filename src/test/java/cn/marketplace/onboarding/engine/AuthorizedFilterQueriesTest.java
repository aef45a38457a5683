package cn.marketplace.onboarding.engine;

import static cn.marketplace.onboarding.engine.CopiedStatements.element;
import static cn.marketplace.onboarding.engine.CopiedStatements.resource;
import static cn.marketplace.onboarding.engine.CopiedStatements.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.testsupport.OnboardingHttpTest;
import cn.marketplace.onboarding.testsupport.StaffUsers;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * Our filter query ({@code AuthorizedFilterQueries.xml}) is the engine's with only the authorization
 * check changed, and lists every user the same filters in the same order, with the same counts, as the
 * engine's own statement, through the engine REST API Tasklist calls.
 */
@OnboardingHttpTest
class AuthorizedFilterQueriesTest {

  private static final String PASSWORD = "Authorized-Filters-Passw0rd!";
  private static final String FILTER_XML = "org/camunda/bpm/engine/impl/mapping/entity/Filter.xml";
  private static final String AUTHORIZATION_XML = "org/camunda/bpm/engine/impl/mapping/entity/Authorization.xml";
  private static final String TASK_FILTERS = "/engine-rest/filter?resourceType=Task";
  private static final String PAGE = "&firstResult=0&maxResults=100";

  @Autowired TestRestTemplate http;
  @Autowired ProcessEngine engine;
  @Autowired IdentityService identityService;
  @Autowired FilterService filterService;
  @Autowired TaskService taskService;
  @Autowired AuthorizationService authorizationService;
  @Autowired DataSource dataSource;

  private CreatedGrants grants;
  private final Map<String, String> filters = new LinkedHashMap<>();

  /**
   * Fails when an engine upgrade changes a statement we copied or an authorization fragment whose meaning
   * ours repeats: then redo {@code AuthorizedFilterQueries.xml} from the new engine's Filter.xml, or drop it.
   */
  @Test
  void theEngineStatementsWeReplaceAreTheOnesWeCopied() throws Exception {
    String filter = resource(FILTER_XML);
    String authorization = resource(AUTHORIZATION_XML);
    String ours = resource(AuthorizedFilterQueries.MAPPER);

    assertThat(Map.of(
        "selectFilterByQueryCriteria", sha256(element(filter, "select", "selectFilterByQueryCriteria")),
        "selectFilterByQueryCriteria_postgres", sha256(element(filter, "select", "selectFilterByQueryCriteria_postgres")),
        "selectFilterCountByQueryCriteria", sha256(element(filter, "select", "selectFilterCountByQueryCriteria")),
        "selectFilterByQueryCriteriaSql", sha256(element(filter, "sql", "selectFilterByQueryCriteriaSql")),
        "authCheckJoin", sha256(element(authorization, "sql", "authCheckJoin")),
        "queryAuthorizationCheckWithoutPrefix", sha256(element(authorization, "sql", "queryAuthorizationCheckWithoutPrefix")),
        "authCheckJoinWithoutOnClauseWithBinding",
        sha256(element(authorization, "sql", "authCheckJoinWithoutOnClauseWithBinding"))))
        .as("Camunda 7.24.0's statements and fragments")
        .isEqualTo(Map.of(
            "selectFilterByQueryCriteria", "ace7b93e5bf178a5f42667f44aaa630d7c73b6c7aa62867a50f2af4a7417222d",
            "selectFilterByQueryCriteria_postgres", "97fc3bd6bafff771680d09f313585f581b918e2849146772cf5eeaf380bae4cf",
            "selectFilterCountByQueryCriteria", "7f671fb1d97d266bf60f40e4b2fef9f83eb5ec22aa63e68c5bd1a75cf60f4474",
            "selectFilterByQueryCriteriaSql", "9d705308f8d73695a45c2e10f0cb41e2a85ebec6da11a008fee4e2a0ed778bf9",
            "authCheckJoin", "18bda500bb6a1901cceed31ba97f1631c2217ed1a32a614926cd5dca7024ab18",
            "queryAuthorizationCheckWithoutPrefix", "0e9c8403edd673cb7fd5b94ada1652b98a8331f16f21dc4b25a03bcb373c697c",
            "authCheckJoinWithoutOnClauseWithBinding", "ae83712b2c3fb437d70dc82807daa3350aded061fdc2e1f191ee06d34d9db5c4"));
    // the criteria themselves are the engine's, as written
    String engineSql = element(filter, "sql", "selectFilterByQueryCriteriaSql");
    String criteria = engineSql.substring(engineSql.indexOf("<if test=\"filterId != null\">"),
        engineSql.indexOf("<include refid=\"org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity.queryAuthorizationCheck\""));
    assertThat(criteria).contains("RES.OWNER_ = #{owner}");
    assertThat(element(ours, "sql", "authorizedFilterByQueryCriteriaSql")).contains(criteria.strip())
        .doesNotContain("AuthorizationEntity.authCheckJoin", "AuthorizationEntity.queryAuthorizationCheck");
    // the result maps are the engine's, each database's own
    assertThat(element(ours, "select", "selectAuthorizedFilterByQueryCriteria"))
        .contains("resultMap=\"org.camunda.bpm.engine.impl.persistence.entity.FilterEntity.filterResultMap\"");
    assertThat(element(ours, "select", "selectAuthorizedFilterByQueryCriteria_postgres"))
        .contains("resultMap=\"org.camunda.bpm.engine.impl.persistence.entity.FilterEntity.filterResultMap_postgres\"");
  }

  @Test
  void everyUserListsTheSameFiltersAsWithTheEngineStatement() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.getDbSqlSessionFactory().mapStatement("selectFilterByQueryCriteria"))
        .isEqualTo(AuthorizedFilterQueries.REPLACED.get(configuration.getDatabaseType()).get("selectFilterByQueryCriteria"));
    Map<String, List<String>> ours = filtersOfEveryUser();
    Map<String, List<String>> engines = withTheEngineStatements(this::filtersOfEveryUser);

    assertThat(ours).isEqualTo(engines);
    // and they are what each user may read
    assertThat(ours.get("afq-acme named afq-acme")).containsExactly(filters.get("acme"));
    assertThat(ours.get("afq-acme all")).contains(filters.get("acme")).doesNotContain(filters.get("globex"));
    assertThat(ours.get("afq-globex named afq-acme")).isEmpty();
    assertThat(ours.get("afq-solo named afq-solo")).containsExactly(filters.get("solo"));
    assertThat(ours.get("afq-solo like")).containsExactly(filters.get("solo"));
    assertThat(ours.get("afq-everything like")).containsExactlyInAnyOrder(filters.values().toArray(String[]::new));
    assertThat(ours.get("afq-everything owned")).containsExactly(filters.get("owned"));
    assertThat(ours.get("afq-nobody like")).isEmpty();
    assertThat(ours.get("afq-acme count")).containsExactly(String.valueOf(ours.get("afq-acme all").size()));
  }

  /** With a revoke in the installation, the engine's own statement answers; it lists the same filters. */
  @Test
  void aRevokedFilterIsListedToNobodyItIsRevokedFrom() {
    Authorization revoke = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
    revoke.setUserId("afq-acme");
    revoke.setResource(Resources.FILTER);
    revoke.setResourceId(filters.get("acme"));
    revoke.removePermission(Permissions.READ);
    grants.save(revoke);

    Map<String, List<String>> ours = filtersOfEveryUser();

    assertThat(ours).isEqualTo(withTheEngineStatements(this::filtersOfEveryUser));
    assertThat(ours.get("afq-acme named afq-acme")).isEmpty();
    assertThat(ours.get("afq-acme like")).doesNotContain(filters.get("acme"));
  }

  /**
   * H2 seeks an index by an IN list only on its first column, and an OR beside the filters granted one by
   * one made it test every filter: a caller's filters are now found by their ids, each grant by equalities
   * in the grant indexes. The plan of the statement the list ran, as H2 explains it.
   */
  @Test
  void onH2ACallersFiltersAreFoundByTheirIdsFromItsGrants() {
    H2Statements.assumeH2(engine);
    List<String> lists = H2Statements.ranDuring(dataSource, () -> assertThat(filterIds("afq-acme",
        TASK_FILTERS + "&firstResult=0&maxResults=2000&itemCount=false")).contains(filters.get("acme")),
        "from ACT_RU_FILTER RES", "LIMIT");

    assertThat(lists).hasSize(1);
    String plan = H2Statements.plan(dataSource, lists.get(0));
    assertThat(plan).as(plan).contains(": ID_ IN(").doesNotContain("tableScan", "TYPE_ IN(");
    long grantReads = Pattern.compile("OB_IDX_AUTH_(USER_GRANTS|GRANTS_OF_GROUP): ").matcher(plan).results().count();
    assertThat(grantReads).as(plan).isPositive();
    assertThat(Pattern.compile("OB_IDX_AUTH_(USER_GRANTS|GRANTS_OF_GROUP): [^*]*(USER_ID_|GROUP_ID_) = ").matcher(plan)
        .results().count()).as("each grant read by its principal: %s", plan).isEqualTo(grantReads);
  }

  /**
   * A caller granted every filter is asked that once before its list, which then has no authorization
   * check; the lists of {@link #everyUserListsTheSameFiltersAsWithTheEngineStatement} show it the same filters.
   */
  @Test
  void aCallerGrantedEveryFilterIsAskedThatOnceAndListedWithoutACheck() {
    H2Statements.assumeH2(engine);
    List<String> ran = H2Statements.ranDuring(dataSource, () -> assertThat(filterIds("afq-everything",
        TASK_FILTERS + "&firstResult=0&maxResults=2000&itemCount=false")).containsAll(filters.values()),
        "ACT_RU_");

    assertThat(ran).filteredOn(statement -> statement.contains("from ACT_RU_FILTER RES")).singleElement()
        .satisfies(list -> assertThat(list).doesNotContain("ACT_RU_AUTHORIZATION"));
    assertThat(ran).filteredOn(statement -> statement.contains("A.RESOURCE_ID_ = '*'")).hasSize(1);
  }

  @BeforeEach
  void filtersGrantedEachWay() {
    user("afq-acme", Groups.PUBLISHERS, "isv-afq-acme");
    user("afq-globex", Groups.PUBLISHERS, "isv-afq-globex");
    user("afq-solo", Groups.PUBLISHERS);
    user("afq-everything", Groups.SUPPORT);
    user("afq-nobody", Groups.PUBLISHERS);
    filters.put("acme", filter("afq-acme", null));
    filters.put("globex", filter("afq-globex", null));
    filters.put("solo", filter("afq-solo", null));
    filters.put("owned", filter("afq-owned", "afq-owner"));
    // a group's grant, as each publisher's "My tasks"; a user's own; every filter, as an administrator grants
    grants = new CreatedGrants(authorizationService);
    grant(null, "isv-afq-acme", filters.get("acme"));
    grant(null, "isv-afq-globex", filters.get("globex"));
    grant("afq-solo", null, filters.get("solo"));
    grant("afq-everything", null, Authorization.ANY);
  }

  @AfterEach
  void cleanUp() {
    grants.deleteAll();
    filters.values().forEach(filterService::deleteFilter);
  }

  /** Each user's filters as Tasklist asks them (the count, then the list), and by name, pattern and owner. */
  private Map<String, List<String>> filtersOfEveryUser() {
    Map<String, List<String>> lists = new LinkedHashMap<>();
    for (String user : List.of("afq-acme", "afq-globex", "afq-solo", "afq-everything", "afq-nobody")) {
      lists.put(user + " count", List.of(get(user, "/engine-rest/filter/count?resourceType=Task").get("count").asText()));
      lists.put(user + " all", filterIds(user, TASK_FILTERS + "&firstResult=0&maxResults=2000&itemCount=false"));
      for (String name : List.of("afq-acme", "afq-solo")) {
        lists.put(user + " named " + name, filterIds(user, TASK_FILTERS + "&name=" + name + PAGE));
      }
      lists.put(user + " like", filterIds(user, TASK_FILTERS + "&nameLike=afq-%25&sortBy=name&sortOrder=desc" + PAGE));
      lists.put(user + " owned", filterIds(user, TASK_FILTERS + "&owner=afq-owner" + PAGE));
      lists.put(user + " second page", filterIds(user, TASK_FILTERS + "&nameLike=afq-%25&sortBy=filterId&sortOrder=asc"
          + "&firstResult=1&maxResults=2"));
    }
    return lists;
  }

  private Map<String, List<String>> withTheEngineStatements(Supplier<Map<String, List<String>>> lists) {
    return CopiedStatements.withTheEngineStatements(engine, AuthorizedFilterQueries.REPLACED,
        Map.of("postgres", Map.of("selectFilterByQueryCriteria", "selectFilterByQueryCriteria_postgres")), lists);
  }

  private String filter(String name, String owner) {
    Filter filter = filterService.newTaskFilter(name).setQuery(taskService.createTaskQuery()).setOwner(owner);
    return filterService.saveFilter(filter).getId();
  }

  private void grant(String user, String group, String filterId) {
    grants.grant(user, group, Resources.FILTER, filterId, Permissions.READ);
  }

  private List<String> filterIds(String user, String path) {
    List<String> ids = new ArrayList<>();
    get(user, path).forEach(filter -> ids.add(filter.get("id").asText()));
    return ids;
  }

  private JsonNode get(String user, String path) {
    return new EngineRestAsUser(http, PASSWORD).get(user, path);
  }

  private void user(String id, String... groups) {
    StaffUsers.ensureInGroups(identityService, id, PASSWORD, groups);
  }
}
