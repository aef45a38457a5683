package cn.marketplace.onboarding.security;

import static cn.marketplace.onboarding.security.EngineApi.ADMIN;
import static cn.marketplace.onboarding.security.EngineApi.COCKPIT;
import static cn.marketplace.onboarding.security.EngineApi.ENGINE;
import static cn.marketplace.onboarding.security.EngineApi.TASKLIST;
import static cn.marketplace.onboarding.security.EngineApi.WELCOME;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import cn.marketplace.onboarding.engine.Groups;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * What each role may ask of the engine, over the engine REST API and the webapps' APIs: everything
 * not listed here is refused, for everybody but {@code camunda-admin}. Each role gets what its
 * screens need and nothing else (SECURITY.md, "Engine API allow-list", says why each entry is
 * there). {@link EngineApi#ENGINE} paths are relative to the engine ({@code /task/{id}}); the other
 * APIs' paths are relative to the API ({@code /plugin/base/{engine}/...}). A {@code {engine}} in a
 * path must name this product's engine. Whether the caller may see or change the particular task,
 * instance or definition stays the engine's authorization, checked after this list.
 */
final class EngineApiAllowList {

  /** One permitted request shape. */
  record Entry(EngineApi api, HttpMethod method, PathPattern path) {

    boolean matches(EngineApi api, HttpMethod method, PathContainer path) {
      return this.api == api && this.method.equals(method) && this.path.matches(path);
    }

    @Override
    public String toString() {
      return method + " " + api + " " + path.getPatternString();
    }
  }

  /** Camunda's webapps load their scripts and show the sign-in before anybody has signed in. */
  static final List<Entry> ANYONE = entries(
      get(ENGINE, "/engine"),
      get(ADMIN, "/auth/user/{engine}"),
      post(ADMIN, "/auth/user/{engine}/login/{app}"),
      post(ADMIN, "/auth/user/{engine}/logout"),
      get(ADMIN, "/plugin/{plugin}/static/**"),
      get(COCKPIT, "/plugin/{plugin}/static/**"),
      get(TASKLIST, "/plugin/{plugin}/static/**"),
      get(WELCOME, "/plugin/{plugin}/static/**"));

  /**
   * Whoever signed in changes its own password (the Welcome page's profile; the mailed initial password
   * should not last): the gate holds {@code {userId}} to the caller, the engine asks for the old password.
   */
  static final List<Entry> SIGNED_IN = entries(
      new Entry(ENGINE, HttpMethod.PUT, PathPatternParser.defaultInstance.parse("/user/{userId}/credentials")),
      get(ENGINE, "/identity/password-policy"),
      post(ENGINE, "/identity/password-policy"));

  /**
   * Tasklist for whoever works tasks, publishers included: the task list through the role's shared
   * filters, a task and its form, claiming it for oneself, submitting the form; the start forms of
   * the processes the engine lets the caller start; the diagram of a process it takes part in.
   */
  static final List<Entry> TASK_WORK = entries(
      get(ENGINE, "/user/{userId}/profile"),
      get(ENGINE, "/authorization/check"),
      get(ENGINE, "/filter"),
      // Tasklist asks whether the caller may create a filter (the answer's links), to show the button
      new Entry(ENGINE, HttpMethod.OPTIONS, PathPatternParser.defaultInstance.parse("/filter")),
      get(ENGINE, "/filter/count"),
      get(ENGINE, "/filter/{filterId}"),
      get(ENGINE, "/filter/{filterId}/list"),
      post(ENGINE, "/filter/{filterId}/list"),
      get(ENGINE, "/filter/{filterId}/count"),
      post(ENGINE, "/filter/{filterId}/count"),
      get(ENGINE, "/task"),
      post(ENGINE, "/task"),
      get(ENGINE, "/task/count"),
      post(ENGINE, "/task/count"),
      get(ENGINE, "/task/{taskId}"),
      get(ENGINE, "/task/{taskId}/form"),
      get(ENGINE, "/task/{taskId}/deployed-form"),
      get(ENGINE, "/task/{taskId}/form-variables"),
      get(ENGINE, "/task/{taskId}/identity-links"),
      post(ENGINE, "/task/{taskId}/claim"),
      post(ENGINE, "/task/{taskId}/unclaim"),
      post(ENGINE, "/task/{taskId}/submit-form"),
      post(ENGINE, "/task/{taskId}/complete"),
      get(ENGINE, "/process-definition"),
      get(ENGINE, "/process-definition/count"),
      get(ENGINE, "/process-definition/{definitionId}"),
      get(ENGINE, "/process-definition/{definitionId}/xml"),
      get(ENGINE, "/process-definition/{definitionId}/startForm"),
      get(ENGINE, "/process-definition/{definitionId}/deployed-start-form"),
      get(ENGINE, "/process-definition/{definitionId}/form-variables"),
      post(ENGINE, "/process-definition/{definitionId}/submit-form"),
      post(ENGINE, "/process-definition/{definitionId}/start"),
      get(ENGINE, "/process-definition/key/{key}"),
      get(ENGINE, "/process-definition/key/{key}/xml"),
      get(ENGINE, "/process-definition/key/{key}/startForm"),
      get(ENGINE, "/process-definition/key/{key}/deployed-start-form"),
      get(ENGINE, "/process-definition/key/{key}/form-variables"),
      post(ENGINE, "/process-definition/key/{key}/submit-form"),
      post(ENGINE, "/process-definition/key/{key}/start"),
      get(ENGINE, "/process-instance"),
      get(ENGINE, "/process-instance/count"),
      get(ENGINE, "/process-instance/{instanceId}"),
      get(ENGINE, "/process-instance/{instanceId}/activity-instances"));

  /**
   * Staff who work tasks read what their decisions rest on: the variables and history of the
   * instances the engine lets them read (Tasklist's variable columns, a task's history and comments).
   */
  static final List<Entry> STAFF_READS = entries(
      get(ENGINE, "/process-instance/{instanceId}/variables"),
      get(ENGINE, "/process-instance/{instanceId}/variables/{name}"),
      get(ENGINE, "/task/{taskId}/variables"),
      get(ENGINE, "/task/{taskId}/variables/{name}"),
      get(ENGINE, "/task/{taskId}/comment"),
      get(ENGINE, "/variable-instance"),
      get(ENGINE, "/variable-instance/count"),
      get(ENGINE, "/history/process-instance"),
      get(ENGINE, "/history/process-instance/count"),
      get(ENGINE, "/history/process-instance/{instanceId}"),
      get(ENGINE, "/history/variable-instance"),
      get(ENGINE, "/history/variable-instance/count"),
      get(ENGINE, "/history/task"),
      get(ENGINE, "/history/task/count"),
      get(ENGINE, "/history/activity-instance"),
      get(ENGINE, "/history/activity-instance/count"),
      get(ENGINE, "/history/user-operation"),
      get(ENGINE, "/history/user-operation/count"),
      get(ENGINE, "/history/identity-link-log"),
      get(ENGINE, "/history/identity-link-log/count"));

  /**
   * Operations watch everything in Cockpit and change nothing: every GET of the engine (the engine
   * REST API has no GET that changes anything), the POSTs that are queries, Cockpit's own API.
   */
  static final List<Entry> OPERATIONS_READS = entries(Stream.of(
      Stream.of(get(ENGINE, "/**")),
      Stream.of("/process-instance", "/history/process-instance", "/history/activity-instance",
              "/history/variable-instance", "/history/task", "/history/detail", "/history/job-log",
              "/history/decision-instance", "/history/incident", "/variable-instance", "/task", "/job",
              "/external-task", "/process-definition", "/deployment", "/execution", "/event-subscription",
              "/batch", "/history/batch")
          .flatMap(query -> Stream.of(post(ENGINE, query), post(ENGINE, query + "/count"))),
      Stream.of(get(COCKPIT, "/plugin/{plugin}/{engine}/**"), post(COCKPIT, "/plugin/{plugin}/{engine}/**")))
      .flatMap(s -> s).toArray(Entry[]::new));

  /** Each group's entries; a caller gets the union of its groups'. */
  private static final Map<String, List<List<Entry>>> BY_GROUP = Map.of(
      Groups.PUBLISHERS, List.of(TASK_WORK),
      Groups.REVIEWERS, List.of(TASK_WORK, STAFF_READS),
      Groups.ACCOUNT_MANAGERS, List.of(TASK_WORK, STAFF_READS),
      Groups.SUPPORT, List.of(TASK_WORK, STAFF_READS),
      Groups.OPERATIONS, List.of(STAFF_READS, OPERATIONS_READS));

  private EngineApiAllowList() {}

  /** The entry that lets a caller in these groups (none when anonymous) make this request, if any. */
  static Optional<Entry> find(Collection<String> groups, EngineApi api, HttpMethod method, String path) {
    PathContainer container = PathContainer.parsePath(path);
    return entriesOf(groups).stream().filter(entry -> entry.matches(api, method, container)).findFirst();
  }

  /** Everything a caller in these groups may do; {@link #ANYONE}'s entries for nobody in particular. */
  static List<Entry> entriesOf(Collection<String> groups) {
    List<Entry> entries = new ArrayList<>(ANYONE);
    if (groups.stream().anyMatch(BY_GROUP::containsKey)) {
      entries.addAll(SIGNED_IN);
    }
    BY_GROUP.forEach((group, lists) -> {
      if (groups.contains(group)) {
        lists.forEach(entries::addAll);
      }
    });
    return entries;
  }

  private static List<Entry> entries(Entry... entries) {
    return List.of(entries);
  }

  private static Entry get(EngineApi api, String path) {
    return new Entry(api, GET, PathPatternParser.defaultInstance.parse(path));
  }

  private static Entry post(EngineApi api, String path) {
    return new Entry(api, POST, PathPatternParser.defaultInstance.parse(path));
  }
}
