package cn.marketplace.onboarding.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cn.marketplace.onboarding.engine.TasklistFilters;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;

/**
 * Item 4, staff lists under a backlog: the first page (15 tasks, by due date) of the lists people
 * open in Tasklist, through the engine REST API with HTTP Basic and authorization checks on: by
 * candidate group for reviewers and support, an ISV's own tasks (each request another publisher's
 * user), and the role filters Tasklist opens first ({@code engine/TasklistFilters}): "Applications to
 * review" for reviewers, "Overdue" for staff and "My tasks" for an ISV. The same lists are asked again on
 * a backlog whose publishers are also Camunda tenants ({@code variant} names it): the engine REST API's
 * authentication then gives an ISV its one tenant id and a staff member every publisher's.
 */
final class StaffLists {

  static final String SECTION = "4 staff lists";
  private static final String FIRST_PAGE = "firstResult=0&maxResults=15";
  private static final String BY_DUE_DATE = "&sortBy=dueDate&sortOrder=asc";

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final String baseUrl;

  StaffLists(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  void measure(BenchSettings settings, Report report, String note) throws Exception {
    measure(settings, report, note, "");
  }

  void measure(BenchSettings settings, Report report, String note, String variant) throws Exception {
    String applicationsToReview = filterId(TasklistFilters.APPLICATIONS_TO_REVIEW, Backlog.REVIEWER.userId(),
        Backlog.STAFF_PASSWORD);
    String overdue = filterId(TasklistFilters.OVERDUE, Backlog.REVIEWER.userId(), Backlog.STAFF_PASSWORD);
    String myTasks = filterId(TasklistFilters.MY_TASKS, Backlog.publisherId(0), Backlog.ISV_PASSWORD);
    String filterBody = "{\"sorting\":[{\"sortBy\":\"dueDate\",\"sortOrder\":\"asc\"}]}";
    int publishers = settings.backlogPublishers();
    list(settings, report, note, variant, "reviewers: candidate group, by due date", i -> get(Backlog.REVIEWER.userId(),
        Backlog.STAFF_PASSWORD, "/engine-rest/task?candidateGroup=marketplace-reviewers&" + FIRST_PAGE + BY_DUE_DATE));
    list(settings, report, note, variant, "support: candidate group, by due date", i -> get(Backlog.SUPPORT.userId(),
        Backlog.STAFF_PASSWORD, "/engine-rest/task?candidateGroup=marketplace-support&" + FIRST_PAGE + BY_DUE_DATE));
    list(settings, report, note, variant, "ISV: own candidate group, by due date", i -> {
      String isv = Backlog.publisherId((i * 37) % publishers);
      return get(isv, Backlog.ISV_PASSWORD, "/engine-rest/task?candidateGroup=isv-" + isv + "&" + FIRST_PAGE + BY_DUE_DATE);
    });
    list(settings, report, note, variant, "reviewers: \"" + TasklistFilters.APPLICATIONS_TO_REVIEW + "\" filter",
        i -> post(Backlog.REVIEWER.userId(), Backlog.STAFF_PASSWORD,
            "/engine-rest/filter/" + applicationsToReview + "/list?" + FIRST_PAGE, filterBody));
    list(settings, report, note, variant, "reviewers: \"" + TasklistFilters.OVERDUE + "\" filter",
        i -> post(Backlog.REVIEWER.userId(), Backlog.STAFF_PASSWORD,
            "/engine-rest/filter/" + overdue + "/list?" + FIRST_PAGE, filterBody));
    list(settings, report, note, variant, "ISV: \"" + TasklistFilters.MY_TASKS + "\" filter", i -> post(
        Backlog.publisherId((i * 37) % publishers), Backlog.ISV_PASSWORD,
        "/engine-rest/filter/" + myTasks + "/list?" + FIRST_PAGE, filterBody));
  }

  private void list(BenchSettings settings, Report report, String note, String variant, String name,
      IntFunction<HttpRequest> request) throws Exception {
    for (int warmUp = 0; warmUp < 10; warmUp++) {
      send(request.apply(warmUp));
    }
    Samples latency = new Samples();
    int found = 0;
    for (int i = 0; i < settings.queries(); i++) {
      HttpRequest next = request.apply(i);
      long started = System.nanoTime();
      found = send(next);
      latency.add((System.nanoTime() - started) / 1e6);
    }
    report.add(Figure.latency(SECTION, name + variant, latency, "p95 < 50 ms", note + ", page of " + found
        + ", load average " + Report.Machine.loadAverage().split(" ")[0]));
  }

  /** The shared filter of that name, as Tasklist finds it for a user who may read it (the first by id). */
  private String filterId(String name, String user, String password) throws Exception {
    HttpResponse<String> answer = http.send(get(user, password,
        "/engine-rest/filter?resourceType=Task&name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
            + "&sortBy=filterId&sortOrder=asc&firstResult=0&maxResults=1&itemCount=false"),
        HttpResponse.BodyHandlers.ofString());
    JsonNode filters = json.readTree(answer.body());
    if (!filters.isArray() || filters.isEmpty()) {
      throw new IllegalStateException("no \"" + name + "\" filter: " + answer.body());
    }
    return filters.get(0).get("id").asText();
  }

  private int send(HttpRequest request) throws Exception {
    HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(request.uri() + " answered " + answer.statusCode() + ": " + answer.body());
    }
    return json.readTree(answer.body()).size();
  }

  private HttpRequest get(String user, String password, String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "application/json")
        .header("Authorization", FeedbackLatency.basic(user, password)).GET().build();
  }

  private HttpRequest post(String user, String password, String path, String body) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "application/json")
        .header("Content-Type", "application/json").header("Authorization", FeedbackLatency.basic(user, password))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

}
