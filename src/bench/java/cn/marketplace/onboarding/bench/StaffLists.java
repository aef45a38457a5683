package cn.marketplace.onboarding.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.engine.TasklistFilters;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Item 4, staff lists under a backlog: the first page (15 tasks, by due date) of the lists people
 * open in Tasklist, asked as Tasklist asks them: through the webapps' engine API with the user's
 * session and authorization checks on, HAL first (so each answer carries the list's count and the
 * embedded resources). By candidate group for reviewers, support and account managers; an ISV's own
 * tasks (each request another publisher's user); every role filter the product creates
 * ({@code engine/TasklistFilters}) asked by a user of a group that reads it; each ISV's own "My tasks"
 * (each request another publisher's user and filter); Cockpit's list of a process's running instances
 * for operations (its own API, as its page asks: the count, then the newest 50); and the instance
 * history over the REST API. The same lists are asked again on a backlog whose publishers are also
 * Camunda tenants ({@code variant} names it): the sign-in then gives an ISV its one tenant id and a
 * staff member every publisher's. Before each timed request a reviewer claims and gives back a task
 * ({@link #somebodyWorks}), as people do while others read their lists.
 */
final class StaffLists {

  static final String SECTION = "4 staff lists";
  private static final String FIRST_PAGE = "firstResult=0&maxResults=15";
  private static final String BY_DUE_DATE = "&sortBy=dueDate&sortOrder=asc";
  private static final int WARM_UP = 10;
  /** What Tasklist's HTTP client (the Camunda JS SDK) sends as Accept with every request. */
  private static final String TASKLIST_ACCEPT = "application/hal+json, application/json; q=0.5";

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final String baseUrl;
  /** Someone at work between two timed requests ({@link #somebodyWorks}): set once the sessions exist. */
  private Work somebodyWorks = () -> { };

  /** A step of someone's work, sent over HTTP. */
  @FunctionalInterface
  private interface Work {
    void run() throws IOException, InterruptedException;
  }

  StaffLists(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** Each list's p95 in ms, by the list's name, in the order measured. */
  Map<String, Double> measure(BenchSettings settings, Report report, String note) throws Exception {
    return measure(settings, report, note, "", settings.backlogPublishers());
  }

  Map<String, Double> measure(BenchSettings settings, Report report, String note, String variant, int publishers)
      throws Exception {
    Map<String, Double> p95 = new LinkedHashMap<>();
    String filterBody = "{\"sorting\":[{\"sortBy\":\"dueDate\",\"sortOrder\":\"asc\"}]}";
    String reviewer = Backlog.REVIEWER.userId();
    String support = Backlog.SUPPORT.userId();
    String manager = Backlog.ACCOUNT_MANAGER.userId();
    String operator = Backlog.OPERATOR.userId();
    String staff = Backlog.STAFF_PASSWORD;
    WebappSession reviewerTasklist = WebappSession.signIn(baseUrl, "tasklist", reviewer, staff);
    WebappSession supportTasklist = WebappSession.signIn(baseUrl, "tasklist", support, staff);
    WebappSession managerTasklist = WebappSession.signIn(baseUrl, "tasklist", manager, staff);
    Map<String, WebappSession> tasklistOf = Map.of(reviewer, reviewerTasklist, support, supportTasklist, manager,
        managerTasklist);
    somebodyWorks = somebodyWorks(reviewerTasklist, reviewer);
    // the ISVs the ISV lists ask as, each signed in to Tasklist before the timed requests
    Map<String, WebappSession> isvTasklist = new LinkedHashMap<>();
    for (int i = 0; i < Math.max(WARM_UP, settings.queries()); i++) {
      String isv = Backlog.publisherId((i * 37) % publishers);
      if (!isvTasklist.containsKey(isv)) {
        isvTasklist.put(isv, WebappSession.signIn(baseUrl, "tasklist", isv, Backlog.ISV_PASSWORD));
      }
    }
    p95.put("reviewers: candidate group, by due date", list(settings, report, note, variant,
        "reviewers: candidate group, by due date", i -> tasklistGet(reviewerTasklist,
            "/task?candidateGroup=" + Groups.REVIEWERS + "&" + FIRST_PAGE + BY_DUE_DATE)));
    p95.put("support: candidate group, by due date", list(settings, report, note, variant,
        "support: candidate group, by due date", i -> tasklistGet(supportTasklist,
            "/task?candidateGroup=" + Groups.SUPPORT + "&" + FIRST_PAGE + BY_DUE_DATE)));
    p95.put("account managers: candidate group, by due date", list(settings, report, note, variant,
        "account managers: candidate group, by due date", i -> tasklistGet(managerTasklist,
            "/task?candidateGroup=" + Groups.ACCOUNT_MANAGERS + "&" + FIRST_PAGE + BY_DUE_DATE)));
    p95.put("ISV: own candidate group, by due date", list(settings, report, note, variant,
        "ISV: own candidate group, by due date", i -> {
          String isv = Backlog.publisherId((i * 37) % publishers);
          return tasklistGet(isvTasklist.get(isv), "/task?candidateGroup=isv-" + isv + "&" + FIRST_PAGE
              + BY_DUE_DATE);
        }));
    // every filter the product creates, asked by a user of a group that reads it
    Map<String, String[]> filters = new LinkedHashMap<>();
    filters.put(TasklistFilters.APPLICATIONS_TO_REVIEW, new String[] {"reviewers", reviewer});
    filters.put(TasklistFilters.CALLS_TO_MAKE, new String[] {"account managers", manager});
    filters.put(TasklistFilters.SUBMISSIONS_TO_REVIEW, new String[] {"support", support});
    filters.put(TasklistFilters.RELEASES_TO_SCHEDULE, new String[] {"support", support});
    filters.put(TasklistFilters.PARTNER_IDS_TO_APPROVE, new String[] {"support", support});
    filters.put(TasklistFilters.OVERDUE, new String[] {"reviewers", reviewer});
    for (Map.Entry<String, String[]> filter : filters.entrySet()) {
      String id = filterId(filter.getKey(), filter.getValue()[1], staff);
      String name = filter.getValue()[0] + ": \"" + english(filter.getKey()) + "\" filter";
      WebappSession session = tasklistOf.get(filter.getValue()[1]);
      p95.put(name, list(settings, report, note, variant, name, i -> tasklistPost(session,
          "/filter/" + id + "/list?" + FIRST_PAGE, filterBody)));
    }
    // each ISV's own "My tasks", looked up before the timed requests as Tasklist finds it: the one it may read
    Map<String, String> myTasks = new LinkedHashMap<>();
    for (int i = 0; i < Math.max(WARM_UP, settings.queries()); i++) {
      String isv = Backlog.publisherId((i * 37) % publishers);
      if (!myTasks.containsKey(isv)) {
        myTasks.put(isv, ownFilterId(TasklistFilters.MY_TASKS, isv, Backlog.ISV_PASSWORD));
      }
    }
    String myTasksName = "ISV: \"" + english(TasklistFilters.MY_TASKS) + "\" filter";
    p95.put(myTasksName, list(settings, report, note, variant, myTasksName, i -> {
      String isv = Backlog.publisherId((i * 37) % publishers);
      return tasklistPost(isvTasklist.get(isv), "/filter/" + myTasks.get(isv) + "/list?" + FIRST_PAGE, filterBody);
    }));
    // Tasklist's sidebar, asked each time Tasklist opens: the caller's filters (after their count, the same query)
    String isvFilters = "ISV: Tasklist's filters";
    p95.put(isvFilters, list(settings, report, note, variant, isvFilters,
        i -> sidebar(isvTasklist.get(Backlog.publisherId((i * 37) % publishers)))));
    String reviewerFilters = "reviewers: Tasklist's filters";
    p95.put(reviewerFilters, list(settings, report, note, variant, reviewerFilters, i -> sidebar(reviewerTasklist)));
    // Cockpit's instance list for operations, as its process definition page asks it: the count, then
    // the first page of running instances, newest first (Cockpit's own query, not the engine REST API's)
    WebappSession cockpit = WebappSession.signIn(baseUrl, "cockpit", operator, staff);
    String[] definitions = {processDefinitionId("publisherOnboarding", operator, staff),
        processDefinitionId("imageCertification", operator, staff)};
    String runningCount = "operations: Cockpit's running instances of a process, count";
    p95.put(runningCount, list(settings, report, note, variant, runningCount,
        i -> cockpit.pluginPost("/process-instance/count", "{\"processDefinitionId\":\"" + definitions[i % 2] + "\"}")));
    String running = "operations: Cockpit's running instances of a process, newest first";
    p95.put(running, list(settings, report, note, variant, running,
        i -> cockpit.pluginPost("/process-instance?firstResult=0&maxResults=50&sortBy=startTime&sortOrder=desc",
            "{\"firstResult\":0,\"maxResults\":50,\"sortBy\":\"startTime\",\"sortOrder\":\"desc\","
                + "\"processDefinitionId\":\"" + definitions[i % 2] + "\"}")));
    String history = "operations: Cockpit's instance history, newest first";
    p95.put(history, list(settings, report, note, variant, history, i -> get(operator, staff,
        "/engine-rest/history/process-instance?firstResult=0&maxResults=50&sortBy=startTime&sortOrder=desc")));
    return p95;
  }

  private static String english(String bilingualName) {
    return bilingualName.substring(bilingualName.indexOf(" / ") + 3);
  }

  private double list(BenchSettings settings, Report report, String note, String variant, String name,
      IntFunction<HttpRequest> request) throws Exception {
    for (int warmUp = 0; warmUp < WARM_UP; warmUp++) {
      send(request.apply(warmUp));
    }
    Samples latency = new Samples();
    String found = "";
    for (int i = 0; i < settings.queries(); i++) {
      somebodyWorks.run();
      HttpRequest next = request.apply(i);
      long started = System.nanoTime();
      found = send(next);
      latency.add((System.nanoTime() - started) / 1e6);
    }
    report.add(Figure.latency(SECTION, name + variant, latency, "p95 < 50 ms", note + ", " + found
        + ", load average " + Report.Machine.loadAverage().split(" ")[0]));
    return latency.p95();
  }

  /**
   * The backlog in use between two requests, as an installation's is: a reviewer claims a task of its
   * group and gives it back, so the task rows change (and the tasks' grants, the first time) and the lists
   * still hold the same tasks. H2 answers a statement asked again from its last result while no table the
   * statement reads has changed: asked of a backlog at rest, the same user's same list came back in
   * microseconds whatever it cost. Untimed.
   */
  private Work somebodyWorks(WebappSession reviewerTasklist, String reviewer) throws Exception {
    // the task the reviewer may give back (Backlog.letTheReviewerGiveBackATask)
    JsonNode page = json.readTree(answered(reviewerTasklist.engine("/task?candidateGroup=" + Groups.REVIEWERS
        + "&sortBy=id&sortOrder=asc&firstResult=0&maxResults=1").header("Accept", "application/json").GET().build(),
        200).body());
    if (!page.isArray() || page.isEmpty()) {
      throw new IllegalStateException("no task of the reviewers to work on: " + page);
    }
    String task = "/task/" + page.get(0).get("id").asText();
    return () -> {
      answered(reviewerTasklist.engine(task + "/claim").header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"" + reviewer + "\"}")).build(), 204);
      answered(reviewerTasklist.engine(task + "/unclaim").POST(HttpRequest.BodyPublishers.noBody()).build(), 204);
    };
  }

  /** The shared filter of that name, as Tasklist finds it for a user who may read it (the first by id). */
  private String filterId(String name, String user, String password) throws Exception {
    JsonNode filters = filters(name, user, password, "&sortBy=filterId&sortOrder=asc&maxResults=1");
    if (filters.isEmpty()) {
      throw new IllegalStateException("no \"" + name + "\" filter: " + filters);
    }
    return filters.get(0).get("id").asText();
  }

  /** The version of the process the backlog's instances run on, as Cockpit's dashboard links to it. */
  private String processDefinitionId(String key, String user, String password) throws Exception {
    HttpResponse<String> answer = http.send(get(user, password, "/engine-rest/process-instance?processDefinitionKey="
        + key + "&firstResult=0&maxResults=1"), HttpResponse.BodyHandlers.ofString());
    JsonNode instances = json.readTree(answer.body());
    if (!instances.isArray() || instances.isEmpty()) {
      throw new IllegalStateException("no running instance of " + key + " as " + user + ": " + answer.body());
    }
    return instances.get(0).get("definitionId").asText();
  }

  /** The user's own filter of that name: the one it may read, which must be the only one. */
  private String ownFilterId(String name, String user, String password) throws Exception {
    JsonNode filters = filters(name, user, password, "&maxResults=2");
    if (filters.size() != 1) {
      throw new IllegalStateException(user + " reads no single \"" + name + "\" filter of its own: " + filters);
    }
    return filters.get(0).get("id").asText();
  }

  private JsonNode filters(String name, String user, String password, String page) throws Exception {
    HttpResponse<String> answer = http.send(get(user, password, "/engine-rest/filter?resourceType=Task&name="
        + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&firstResult=0&itemCount=false" + page),
        HttpResponse.BodyHandlers.ofString());
    JsonNode filters = json.readTree(answer.body());
    if (!filters.isArray()) {
      throw new IllegalStateException("the filters named \"" + name + "\" as " + user + ": " + answer.body());
    }
    return filters;
  }

  /** What the request answered: "page of N" for a list, "count N" for a count, "page of N of M" for Tasklist's. */
  private String send(HttpRequest request) throws Exception {
    JsonNode body = json.readTree(answered(request, 200).body());
    if (body.has("_embedded")) {
      return "page of " + body.path("_embedded").path("task").size() + " of " + body.get("count").asLong();
    }
    return body.has("count") ? "count " + body.get("count").asLong() : "page of " + body.size();
  }


  /** The answer to {@code request}; fails unless its status is {@code expected}. */
  private HttpResponse<String> answered(HttpRequest request, int expected) throws IOException, InterruptedException {
    HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != expected) {
      throw new IllegalStateException(request.uri() + " answered " + answer.statusCode() + ": " + answer.body());
    }
    return answer;
  }

  private HttpRequest get(String user, String password, String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "application/json")
        .header("Authorization", FeedbackLatency.basic(user, password)).GET().build();
  }

  /**
   * A task list as Tasklist asks it: through the webapps' engine API with the user's session, accepting HAL
   * first, so the engine answers the page with the list's count and the tasks' assignees and process
   * definitions embedded.
   */
  private static HttpRequest tasklistGet(WebappSession session, String path) {
    return session.engine(path).header("Accept", TASKLIST_ACCEPT).GET().build();
  }

  /** Tasklist's sidebar: the caller's task filters, as Tasklist lists them when it opens. */
  private static HttpRequest sidebar(WebappSession session) {
    return session.engine("/filter?firstResult=0&maxResults=2000&itemCount=false&resourceType=Task")
        .header("Accept", "application/json").GET().build();
  }

  private static HttpRequest tasklistPost(WebappSession session, String path, String body) {
    return session.engine(path).header("Accept", TASKLIST_ACCEPT).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }
}
