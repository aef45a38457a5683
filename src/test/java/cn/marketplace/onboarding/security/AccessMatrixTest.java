package cn.marketplace.onboarding.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.marketplace.onboarding.account.PublisherRepository;
import cn.marketplace.onboarding.application.ApplicationFixtures;
import cn.marketplace.onboarding.application.ApplicationService;
import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.testsupport.Mails;
import cn.marketplace.onboarding.testsupport.OnboardingHttpTest;
import cn.marketplace.onboarding.testsupport.PartnerIds;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Who may do what to ISV A's onboarding, over HTTP: ISV A, ISV B, each staff role and an
 * anonymous caller try every relevant resource of the engine REST API and our API on A's instance
 * and A's open task. Every cell asserts: allowed (2xx, and a list shows A's item) or refused
 * (401, 403 or 404; 400 where the engine finds nothing the caller may see; or a list without A's
 * item), never a 500. Writes come last, the allowed ones after the refused.
 */
@OnboardingHttpTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest {

  enum Actor { ISV_A, ISV_B, REVIEWER, ACCOUNT_MANAGER, SUPPORT, OPERATIONS, ANONYMOUS }

  /**
   * Staff who worked on A's tasks read the variables and history of A's instance (the engine grants it
   * with the task); A itself does not: they hold the staff's notes and names (the engine API gate).
   */
  private static final Set<Actor> A_ITS_STAFF_AND_OPERATIONS =
      EnumSet.of(Actor.REVIEWER, Actor.ACCOUNT_MANAGER, Actor.OPERATIONS);
  private static final Set<Actor> OPERATIONS = EnumSet.of(Actor.OPERATIONS);

  private static final String STAFF_PASSWORD = "Staff-Passw0rd!x";
  private static final Set<Actor> NOBODY = EnumSet.noneOf(Actor.class);
  private static final Set<Actor> A_AND_OPERATIONS = EnumSet.of(Actor.ISV_A, Actor.OPERATIONS);
  /**
   * Reviewers and account managers read every application they may have to decide on or call about
   * (Tasklist's columns show the applicant), read-only: the instance and its variables. A sees its
   * instance, not its variables.
   */
  private static final Set<Actor> A_ONBOARDING_STAFF_AND_OPERATIONS =
      EnumSet.of(Actor.ISV_A, Actor.REVIEWER, Actor.ACCOUNT_MANAGER, Actor.OPERATIONS);

  @Autowired TestRestTemplate http;
  @Autowired ObjectMapper json;
  @Autowired ApplicationService applications;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired IdentityService identityService;
  @Autowired PublisherRepository publishers;
  @Autowired ManagementService managementService;

  private final Map<Actor, String[]> credentials = new LinkedHashMap<>();
  private Isv isvA;
  private Isv isvB;

  record Isv(String login, String password, String processInstanceId, String taskId) {}

  /** One request, and who may make it. {@code listOf}: the id a list answer must hold to count as allowed. */
  record Probe(String name, HttpMethod method, String path, Object body, Set<Actor> allowed, String listOf) {

    /** A's own work on its task: everybody else is refused here, and A does it after the matrix. */
    boolean isOwnWork() {
      return name.endsWith("A's task");
    }
  }

  @BeforeAll
  void onboardTwoIsvsAndStaff() {
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    credentials.put(Actor.REVIEWER, staff("mx-rev-" + suffix, Groups.REVIEWERS));
    credentials.put(Actor.ACCOUNT_MANAGER, staff("mx-mgr-" + suffix, Groups.ACCOUNT_MANAGERS));
    credentials.put(Actor.SUPPORT, staff("mx-sup-" + suffix, Groups.SUPPORT));
    credentials.put(Actor.OPERATIONS, staff("mx-ops-" + suffix, Groups.OPERATIONS));
    isvA = onboard("a-" + suffix + "@isv-a.example.cn");
    isvB = onboard("b-" + suffix + "@isv-b.example.cn");
    credentials.put(Actor.ISV_A, new String[] {isvA.login(), isvA.password()});
    credentials.put(Actor.ISV_B, new String[] {isvB.login(), isvB.password()});
  }

  @Test
  void everyActorReachesExactlyWhatItsRoleAllows() {
    String pi = isvA.processInstanceId();
    String task = isvA.taskId();
    String groupA = "isv-" + isvA.login();
    String jobDefinition = managementService.createJobDefinitionQuery().activityIdIn("verifyCredential")
        .singleResult().getId();
    List<Probe> probes = List.of(
        list("process instances", "/engine-rest/process-instance?maxResults=100", A_ONBOARDING_STAFF_AND_OPERATIONS, pi),
        read("process instance", "/engine-rest/process-instance/" + pi, A_ONBOARDING_STAFF_AND_OPERATIONS),
        read("process variables", "/engine-rest/process-instance/" + pi + "/variables", A_ITS_STAFF_AND_OPERATIONS),
        list("tasks", "/engine-rest/task?maxResults=100", A_AND_OPERATIONS, task),
        read("task", "/engine-rest/task/" + task, A_AND_OPERATIONS),
        read("task variables", "/engine-rest/task/" + task + "/variables", OPERATIONS),
        // a form's shown fields are read from our records after the engine's check of these two
        read("task form", "/engine-rest/task/" + task + "/form", A_AND_OPERATIONS),
        read("task form variables", "/engine-rest/task/" + task + "/form-variables", A_AND_OPERATIONS),
        list("historic process instances", "/engine-rest/history/process-instance?maxResults=100", OPERATIONS, pi),
        list("historic variables", "/engine-rest/history/variable-instance?maxResults=500&processInstanceId=" + pi,
            A_ITS_STAFF_AND_OPERATIONS, pi),
        list("historic tasks", "/engine-rest/history/task?maxResults=100&taskId=" + task, OPERATIONS, task),
        write("modify instance", HttpMethod.POST, "/engine-rest/process-instance/" + pi + "/modification",
            Map.of("instructions", List.of(Map.of("type", "cancel", "activityId", "activatePublishing")))),
        write("suspend instance", HttpMethod.PUT, "/engine-rest/process-instance/" + pi + "/suspended",
            Map.of("suspended", true)),
        write("set process variable", HttpMethod.PUT, "/engine-rest/process-instance/" + pi + "/variables/publisherStatus",
            Map.of("value", "active", "type", "String")),
        write("delete instance", HttpMethod.DELETE, "/engine-rest/process-instance/" + pi, null),
        write("job retries", HttpMethod.POST, "/engine-rest/job/retries",
            Map.of("jobQuery", Map.of("processInstanceId", pi), "retries", 5)),
        write("job retries by definition", HttpMethod.PUT,
            "/engine-rest/job-definition/" + jobDefinition + "/retries", Map.of("retries", 5)),
        write("deploy", HttpMethod.POST, "/engine-rest/deployment/create", deployment()),
        write("grant itself everything", HttpMethod.POST, "/engine-rest/authorization/create",
            Map.of("type", 1, "permissions", List.of("ALL"), "groupId", groupA, "resourceType", 8, "resourceId", "*")),
        write("create user", HttpMethod.POST, "/engine-rest/user/create", Map.of("profile",
            Map.of("id", "intruder" + UUID.randomUUID().toString().substring(0, 6)), "credentials",
            Map.of("password", "Intruder-Passw0rd!"))),
        write("create group", HttpMethod.POST, "/engine-rest/group/create",
            Map.of("id", "intruders-" + UUID.randomUUID().toString().substring(0, 6), "name", "x", "type", "WORKFLOW")),
        write("join ISV A's group", HttpMethod.PUT, "/engine-rest/group/" + groupA + "/members/" + isvB.login(), null),
        write("create filter", HttpMethod.POST, "/engine-rest/filter/create",
            Map.of("resourceType", "Task", "name", "everything", "query", Map.of())),
        write("start onboarding as a publisher", HttpMethod.POST,
            "/engine-rest/process-definition/key/publisherOnboarding/start",
            Map.of("variables", Map.of("companyName", Map.of("value", "x")))),
        write("task variables", HttpMethod.POST, "/engine-rest/task/" + task + "/variables",
            Map.of("modifications", Map.of("publisherId", Map.of("value", isvB.login())))),
        write("claim A's task", HttpMethod.POST, "/engine-rest/task/" + task + "/claim", Map.of("userId", "someone")),
        write("complete A's task", HttpMethod.POST, "/engine-rest/task/" + task + "/complete",
            Map.of("variables", Map.of("credentialType", Map.of("value", "none")))));
    // reviewers and account managers enter applications, so they may start onboarding: not part of this refusal row
    SoftAssertions softly = new SoftAssertions();
    List<String> matrix = new ArrayList<>();
    for (Probe probe : probes) {
      StringBuilder row = new StringBuilder(String.format("%-34s", probe.name()));
      for (Actor actor : Actor.values()) {
        if (probe.isOwnWork() && actor == Actor.ISV_A || probe.name().equals("start onboarding as a publisher")
            && (actor == Actor.REVIEWER || actor == Actor.ACCOUNT_MANAGER)) {
          row.append(String.format(" %-16s", actor + "=skip"));
          continue;
        }
        ResponseEntity<String> answer = call(actor, probe.method(), probe.path(), probe.body());
        boolean allowed = allowed(answer, probe);
        row.append(String.format(" %-16s", actor + "=" + answer.getStatusCode().value() + (allowed ? "+" : "-")));
        softly.assertThat(allowed).as("%s by %s: %s %s", probe.name(), actor, answer.getStatusCode(),
            abbreviate(answer.getBody())).isEqualTo(probe.allowed().contains(actor));
        if (!allowed) {
          softly.assertThat(answer.getStatusCode().value())
              .as("%s by %s refused with %s", probe.name(), actor, abbreviate(answer.getBody()))
              .isIn(200, 400, 401, 403, 404);
        }
      }
      matrix.add(row.toString());
    }
    System.out.println("ACCESS MATRIX (+ allowed, - refused)\n" + String.join("\n", matrix));
    // the refusals left A's onboarding as it was; now A does its own work
    softly.assertThat(runtimeService.getVariable(isvA.processInstanceId(), "publisherId")).isEqualTo(isvA.login());
    softly.assertThat(call(Actor.ISV_A, HttpMethod.POST, "/engine-rest/task/" + task + "/claim",
        Map.of("userId", isvA.login())).getStatusCode().value()).isEqualTo(204);
    String partnerIdA = PartnerIds.unused();
    // completing its task, A tries to steer the activation to B's account: the form only shows the publisher ID
    softly.assertThat(call(Actor.ISV_A, HttpMethod.POST, "/engine-rest/task/" + task + "/complete",
        Map.of("variables", Map.of("credentialType", Map.of("value", "partnerId"), "credential", Map.of("value", partnerIdA),
            "publisherId", Map.of("value", isvB.login())))).getStatusCode().value()).isEqualTo(400);
    softly.assertThat(call(Actor.ISV_A, HttpMethod.POST, "/engine-rest/task/" + task + "/complete",
        Map.of("variables", Map.of("credentialType", Map.of("value", "partnerId"), "credential", Map.of("value", partnerIdA))))
        .getStatusCode().value()).isEqualTo(204);
    await().atMost(Duration.ofSeconds(30)).until(() -> publishers.findById(isvA.login()).orElseThrow().isActive());
    softly.assertThat(publishers.findById(isvB.login()).orElseThrow().isActive()).as("B activated by A").isFalse();
    softly.assertAll();
  }

  @Test
  void staffWhoEnterApplicationsMayStartOnboardingOthersMayNot() {
    for (Actor actor : List.of(Actor.REVIEWER, Actor.ACCOUNT_MANAGER)) {
      Map<String, Object> variables = new LinkedHashMap<>();
      ApplicationFixtures.unique("staff-entered-" + UUID.randomUUID() + "@example.cn").toVariables()
          .forEach((name, value) -> variables.put(name, Map.of("value", value)));
      assertThat(call(actor, HttpMethod.POST, "/engine-rest/process-definition/key/publisherOnboarding/start",
          Map.of("variables", variables)).getStatusCode().value()).as("%s starts onboarding", actor).isEqualTo(200);
    }
  }

  @Test
  void anonymousCallersReachOnlyThePublicEndpoints() {
    assertThat(call(Actor.ANONYMOUS, HttpMethod.POST, "/api/applications",
        ApplicationFixtures.unique("anon-" + UUID.randomUUID() + "@example.cn")).getStatusCode().value()).isEqualTo(201);
    assertThat(call(Actor.ANONYMOUS, HttpMethod.GET, "/api/amendments/not-a-token", null).getStatusCode().value())
        .isEqualTo(410);
    for (String path : List.of("/engine-rest/task?maxResults=1", "/engine-rest/process-instance?maxResults=1",
        "/engine-rest/history/user-operation?maxResults=1", "/engine-rest/user?maxResults=1")) {
      assertThat(call(Actor.ANONYMOUS, HttpMethod.GET, path, null).getStatusCode().value()).as(path).isEqualTo(401);
    }
  }

  private boolean allowed(ResponseEntity<String> answer, Probe probe) {
    if (!answer.getStatusCode().is2xxSuccessful()) {
      return false;
    }
    if (probe.listOf() == null) {
      return true;
    }
    try {
      JsonNode list = json.readTree(answer.getBody());
      for (JsonNode item : list) {
        for (String field : List.of("id", "processInstanceId")) {
          if (item.has(field) && probe.listOf().equals(item.get(field).asText())) {
            return true;
          }
        }
      }
      return false;
    } catch (Exception e) {
      throw new AssertionError("not a JSON list: " + answer.getBody(), e);
    }
  }

  private ResponseEntity<String> call(Actor actor, HttpMethod method, String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    String[] login = credentials.get(actor);
    if (login != null) {
      headers.setBasicAuth(login[0], login[1]);
    }
    if (body instanceof LinkedMultiValueMap<?, ?>) {
      headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    } else if (body != null) {
      headers.setContentType(MediaType.APPLICATION_JSON);
    }
    return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
  }

  private static Probe list(String name, String path, Set<Actor> allowed, String id) {
    return new Probe(name, HttpMethod.GET, path, null, allowed, id);
  }

  private static Probe read(String name, String path, Set<Actor> allowed) {
    return new Probe(name, HttpMethod.GET, path, null, allowed, null);
  }

  private static Probe write(String name, HttpMethod method, String path, Object body) {
    return new Probe(name, method, path, body, NOBODY, null);
  }

  private static LinkedMultiValueMap<String, Object> deployment() {
    LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("deployment-name", "matrix-probe");
    form.add("data", new ByteArrayResource("<definitions/>".getBytes()) {
      @Override
      public String getFilename() {
        return "probe.bpmn";
      }
    });
    return form;
  }

  private Isv onboard(String email) {
    String pi = applications.submit(ApplicationFixtures.unique(email)).processInstanceId();
    complete(pi, "reviewApplication", Map.of("reviewDecision", "approve"));
    // the account first, then the call: both end in one join, and racing them only costs a retry
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
        .until(() -> Mails.find(email, "初始密码：(\\S+)") != null);
    complete(pi, "callApplicant", Map.of("callOutcome", "reached"));
    String task = awaitTask(pi, "activatePublishing");
    return new Isv(Mails.find(email, "登录名：(\\S+)"), Mails.find(email, "初始密码：(\\S+)"), pi, task);
  }

  private void complete(String processInstanceId, String taskKey, Map<String, Object> variables) {
    taskService.complete(awaitTask(processInstanceId, taskKey), variables);
  }

  private String awaitTask(String processInstanceId, String taskKey) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> taskService.createTaskQuery()
        .processInstanceId(processInstanceId).taskDefinitionKey(taskKey).singleResult(), task -> task != null).getId();
  }

  private String[] staff(String id, String group) {
    User user = identityService.newUser(id);
    user.setEmail(id + "@staff.example.cn");
    user.setPassword(STAFF_PASSWORD);
    identityService.saveUser(user);
    identityService.createMembership(id, group);
    return new String[] {id, STAFF_PASSWORD};
  }

  private static String abbreviate(String body) {
    return body == null ? "" : body.length() > 160 ? body.substring(0, 160) + "..." : body;
  }
}
