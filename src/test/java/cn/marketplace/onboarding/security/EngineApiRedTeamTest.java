package cn.marketplace.onboarding.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.marketplace.onboarding.account.AccountService;
import cn.marketplace.onboarding.account.PublisherRepository;
import cn.marketplace.onboarding.application.ApplicationFixtures;
import cn.marketplace.onboarding.application.ApplicationService;
import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.submission.SubmissionFixtures;
import cn.marketplace.onboarding.submission.SubmissionService;
import cn.marketplace.onboarding.submission.SubmittedSubmission;
import cn.marketplace.onboarding.submission.TestPublishers;
import cn.marketplace.onboarding.security.JaxRsResources.Endpoint;
import cn.marketplace.onboarding.testsupport.Mails;
import cn.marketplace.onboarding.testsupport.OnboardingHttpTest;
import cn.marketplace.onboarding.testsupport.StaffUsers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.assertj.core.api.SoftAssertions;
import org.camunda.bpm.admin.impl.web.AdminApplication;
import org.camunda.bpm.cockpit.impl.web.CockpitApplication;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.tasklist.impl.web.TasklistApplication;
import org.camunda.bpm.webapp.impl.engine.EngineRestApplication;
import org.camunda.bpm.welcome.impl.web.WelcomeApplication;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The engine's APIs as an attacker sees them: two active publishers (A and B) and every staff role
 * try every resource method the running application serves, on the engine REST API and on each
 * webapp's API, found by walking the JAX-RS applications (not listed by hand), under every spelling
 * of its path. Everything off the caller's allow-list is refused, and afterwards nothing has changed:
 * no variable, instance, task, job, incident, table row or mail. Then the concrete attacks of the
 * isolation issue, each refused; and a publisher's and staff's own work, as Tasklist does it, goes through.
 */
@OnboardingHttpTest
// a fresh context (the engine keeps the name default, which the engine REST API addresses): a
// database no other test class's jobs change during the sweep
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EngineApiRedTeamTest {

  enum Role { ISV_A, ISV_B, REVIEWER, ACCOUNT_MANAGER, SUPPORT, OPERATIONS, ANONYMOUS }

  private static final String STAFF_PASSWORD = "Staff-Passw0rd!x";
  private static final String CALL_NOTES = "staff only: the CFO sounded unsure";
  private static final String ATTACKER_MAIL = "attacker@evil.example.cn";
  /** The same resources under other names: the engine by name, another engine, other case. */
  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD");

  @LocalServerPort int port;
  @Autowired ResourceConfig engineRest;
  @Autowired ProcessEngine engine;
  @Autowired DataSource dataSource;
  @Autowired ObjectMapper json;
  @Autowired ApplicationService applications;
  @Autowired AccountService accounts;
  @Autowired SubmissionService submissions;
  @Autowired PublisherRepository publishers;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @Autowired RepositoryService repositoryService;

  private static final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private static final Map<Role, String[]> logins = new EnumMap<>(Role.class);
  private static final Map<Role, List<String>> groups = new EnumMap<>(Role.class);
  private static final Map<Role, WebappSession> sessions = new EnumMap<>(Role.class);
  private static String base;
  private static String isvA;
  private static String onboardingA;
  private static String activationTaskA;
  private static String reviewer;
  private static String isvB;

  /** Once for the class, in the fresh context (a static set-up could not use its beans). */
  @BeforeEach
  void twoPublishersAndEveryStaffRole() {
    if (base != null) {
      return;
    }
    // the gate's eighty thousand refusals of the sweep are not logged one by one
    LoggingSystem.get(getClass().getClassLoader()).setLogLevel("security.engine-api", LogLevel.WARN);
    base = "http://localhost:" + port;
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    reviewer = staff(Role.REVIEWER, "rt-rev-" + suffix, Groups.REVIEWERS);
    String manager = staff(Role.ACCOUNT_MANAGER, "rt-mgr-" + suffix, Groups.ACCOUNT_MANAGERS);
    staff(Role.SUPPORT, "rt-sup-" + suffix, Groups.SUPPORT);
    staff(Role.OPERATIONS, "rt-ops-" + suffix, Groups.OPERATIONS);
    // A is onboarded through the process: a reviewer approves, an account manager notes the call
    String email = "rt-a-" + suffix + "@isv-a.example.cn";
    onboardingA = applications.submit(ApplicationFixtures.unique(email)).processInstanceId();
    String review = awaitTask(onboardingA, "reviewApplication");
    taskService.claim(review, reviewer);
    taskService.complete(review, Map.of("reviewDecision", "approve"));
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> Mails.find(email, "初始密码：(\\S+)") != null);
    String call = awaitTask(onboardingA, "callApplicant");
    taskService.claim(call, manager);
    taskService.complete(call, Map.of("callOutcome", "reached", "callNotes", CALL_NOTES));
    activationTaskA = awaitTask(onboardingA, "activatePublishing");
    isvA = Mails.find(email, "登录名：(\\S+)");
    logins.put(Role.ISV_A, new String[] {isvA, Mails.find(email, "初始密码：(\\S+)")});
    groups.put(Role.ISV_A, List.of(Groups.PUBLISHERS, "isv-" + isvA));
    // B is active
    TestPublishers.TestPublisher b = new TestPublishers(applications, accounts, engine.getIdentityService()).active();
    isvB = b.id();
    logins.put(Role.ISV_B, new String[] {isvB, TestPublishers.PASSWORD});
    groups.put(Role.ISV_B, List.of(Groups.PUBLISHERS, b.group()));
    groups.put(Role.ANONYMOUS, List.of());
    for (Role role : Role.values()) {
      sessions.put(role, role == Role.ANONYMOUS ? WebappSession.anonymous(client, base)
          : WebappSession.signIn(client, base, logins.get(role)[0], logins.get(role)[1],
              role == Role.OPERATIONS ? "cockpit" : "tasklist"));
    }
  }

  // ------------------------------------------------------------------------------------------------

  @Test
  @Order(1)
  void everythingOffTheAllowListIsRefusedUnderEverySpellingAndChangesNothing() {
    Map<EngineApi, Set<Endpoint>> resources = resourcesOfTheRunningApplication();
    assertThat(resources.get(EngineApi.ENGINE)).as("engine REST resources found").hasSizeGreaterThan(300);
    assertThat(resources.get(EngineApi.COCKPIT)).as("Cockpit's resources found").isNotEmpty();
    assertThat(resources.get(EngineApi.ADMIN)).as("Admin's resources found").isNotEmpty();
    awaitQuiet();
    Map<String, String> before = EngineState.of(engine, dataSource);

    SoftAssertions softly = new SoftAssertions();
    int requests = 0;
    for (Role role : Role.values()) {
      for (Map.Entry<EngineApi, Set<Endpoint>> api : resources.entrySet()) {
        for (Endpoint endpoint : api.getValue()) {
          String path = fill(endpoint.path());
          // the attacker tries every method on every resource; the others the methods it declares
          List<String> methods = role == Role.ISV_A ? METHODS : List.of(endpoint.method());
          for (String method : methods) {
            if (isAllowed(role, api.getKey(), method, path)) {
              continue;
            }
            for (Spelling spelling : spellings(api.getKey(), path, role)) {
              HttpResponse<String> answer = call(role, method, spelling.path(), spelling.session());
              requests++;
              softly.assertThat(answer.statusCode())
                  .as("%s %s %s (%s): %s", role, method, spelling.path(), spelling.kind(), abbreviate(answer.body()))
                  .isIn(spelling.refusals());
            }
          }
        }
      }
    }
    awaitQuiet();
    softly.assertThat(EngineState.of(engine, dataSource)).as("nothing changed after %d refused requests", requests)
        .isEqualTo(before);
    System.out.println("ENGINE API RED TEAM: " + requests + " requests refused, " + resources.values().stream()
        .mapToInt(Set::size).sum() + " resource methods");
    softly.assertAll();
  }

  // ------------------------------------------------------------------------------------------------

  @Test
  @Order(2)
  void aPublisherStartsNoCertificationOfAnotherPublishersSubmission() {
    // B's submission under way (made after the sweep: its checks run on their own)
    SubmittedSubmission submissionB = submissions.submit(groups.get(Role.ISV_B), SubmissionFixtures.linux());
    long certifications = instances(SubmissionService.PROCESS_KEY);
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("submissionId", Map.of("value", submissionB.id()));
    variables.put("vmHost", Map.of("value", "203.0.113.66"));
    variables.put("vmPort", Map.of("value", 2222, "type", "Integer"));
    for (String prefix : List.of("/engine-rest/engine/default", "/engine-rest")) {
      for (String action : List.of("start", "submit-form")) {
        HttpResponse<String> answer = call(Role.ISV_A, "POST",
            prefix + "/process-definition/key/imageCertification/" + action, Map.of("variables", variables));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(message(answer)).contains("'submissionId'");
      }
    }
    assertThat(instances(SubmissionService.PROCESS_KEY)).isEqualTo(certifications);
  }

  @Test
  @Order(2)
  void startInstructionsBusinessKeysAndReturnedVariablesAreRefused() {
    long onboardings = instances("publisherOnboarding");
    Map<String, Object> application = new LinkedHashMap<>();
    ApplicationFixtures.unique("rt-si-" + UUID.randomUUID() + "@example.cn").toVariables()
        .forEach((name, value) -> application.put(name, Map.of("value", value)));
    // an account manager starting onboarding past the review, at the account issue
    for (Map.Entry<String, Object> extra : Map.<String, Object>of(
        "startInstructions", List.of(Map.of("type", "startBeforeActivity", "activityId", "issueAccount")),
        "businessKey", "chosen", "withVariablesInReturn", true, "skipCustomListeners", true,
        "skipIoMappings", true).entrySet()) {
      Map<String, Object> body = new LinkedHashMap<>(Map.of("variables", application));
      body.put(extra.getKey(), extra.getValue());
      HttpResponse<String> answer = call(Role.ACCOUNT_MANAGER, "POST",
          "/engine-rest/engine/default/process-definition/key/publisherOnboarding/start", body);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
      assertThat(message(answer)).contains("'" + extra.getKey() + "'");
    }
    // a publisher starting a certification past its checks
    HttpResponse<String> skipChecks = call(Role.ISV_B, "POST", "/engine-rest/process-definition/key/imageCertification/start",
        Map.of("startInstructions", List.of(Map.of("type", "startBeforeActivity", "activityId", "acceptVhds"))));
    assertThat(skipChecks.statusCode()).as(skipChecks.body()).isEqualTo(400);
    assertThat(message(skipChecks)).contains("'startInstructions'");
    assertThat(instances("publisherOnboarding")).isEqualTo(onboardings);
  }

  @Test
  @Order(2)
  void noEscalationVariableWriteMessageSignalJobOrModificationGetsThrough() {
    Map<String, String> before = variablesOf(onboardingA);
    List<Object[]> attacks = List.of(
        new Object[] {"POST", "/engine-rest/task/" + activationTaskA + "/bpmnError",
            Map.of("errorCode", "x", "variables", Map.of("publisherStatus", Map.of("value", "active")))},
        new Object[] {"POST", "/engine-rest/task/" + activationTaskA + "/bpmnEscalation", Map.of("escalationCode", "x")},
        new Object[] {"PUT", "/engine-rest/process-instance/" + onboardingA + "/variables/contactEmail",
            Map.of("value", ATTACKER_MAIL, "type", "String")},
        new Object[] {"POST", "/engine-rest/process-instance/" + onboardingA + "/variables",
            Map.of("modifications", Map.of("contactEmail", Map.of("value", ATTACKER_MAIL)))},
        new Object[] {"POST", "/engine-rest/message", Map.of("messageName", "applicationAmended",
            "processInstanceId", onboardingA, "processVariables", Map.of("contactEmail", Map.of("value", ATTACKER_MAIL)))},
        new Object[] {"POST", "/engine-rest/signal", Map.of("name", "anything")},
        new Object[] {"POST", "/engine-rest/job/retries", Map.of("processInstanceId", onboardingA, "retries", 9)},
        new Object[] {"POST", "/engine-rest/process-instance/" + onboardingA + "/modification",
            Map.of("instructions", List.of(Map.of("type", "startBeforeActivity", "activityId", "activatePublishing"))),},
        new Object[] {"POST", "/engine-rest/task/" + activationTaskA + "/complete",
            Map.of("variables", Map.of("credentialType", Map.of("value", "none")), "withVariablesInReturn", true)});
    for (Role role : List.of(Role.ISV_A, Role.ISV_B, Role.REVIEWER, Role.ACCOUNT_MANAGER, Role.SUPPORT, Role.OPERATIONS)) {
      for (Object[] attack : attacks) {
        HttpResponse<String> answer = call(role, (String) attack[0], (String) attack[1], attack[2]);
        assertThat(answer.statusCode()).as("%s %s %s: %s", role, attack[0], attack[1], answer.body()).isIn(400, 403);
        assertThat(json(answer).has("type") && json(answer).has("message")).as("the engine's error shape").isTrue();
      }
    }
    assertThat(variablesOf(onboardingA)).isEqualTo(before);
    assertThat(taskService.createTaskQuery().taskId(activationTaskA).singleResult().getAssignee()).isNull();
  }

  @Test
  @Order(2)
  void aPublisherReadsNoStaffNotesNorStaffIdentities() {
    SoftAssertions softly = new SoftAssertions();
    // every GET on its allow-list, on its own instance and task, answers nothing of the staff
    List<String> reads = List.of("/task?maxResults=50", "/task/" + activationTaskA, "/task/" + activationTaskA + "/form-variables",
        "/task/" + activationTaskA + "/identity-links", "/process-instance?maxResults=50", "/process-instance/" + onboardingA,
        "/process-instance/" + onboardingA + "/activity-instances", "/filter?resourceType=Task&maxResults=50");
    for (String read : reads) {
      for (String prefix : List.of("/engine-rest", "/camunda/api/engine/engine/default")) {
        HttpResponse<String> answer = prefix.startsWith("/camunda") ? call(Role.ISV_A, "GET", prefix + read, null, true)
            : call(Role.ISV_A, "GET", prefix + read, null);
        softly.assertThat(answer.statusCode()).as("%s%s: %s", prefix, read, answer.body()).isEqualTo(200);
        softly.assertThat(answer.body()).as("%s%s", prefix, read).doesNotContain(CALL_NOTES).doesNotContain("callNotes")
            .doesNotContain(reviewer).doesNotContain("rt-mgr-");
      }
    }
    // the reads that would show them are refused
    for (String read : List.of("/process-instance/" + onboardingA + "/variables", "/task/" + activationTaskA + "/variables",
        "/variable-instance?processInstanceIdIn=" + onboardingA,
        "/history/variable-instance?maxResults=50&processInstanceId=" + onboardingA,
        "/history/task?maxResults=50&processInstanceId=" + onboardingA,
        "/history/activity-instance?maxResults=50&processInstanceId=" + onboardingA,
        "/history/user-operation?maxResults=50&processInstanceId=" + onboardingA,
        "/history/identity-link-log?maxResults=50&processInstanceId=" + onboardingA,
        "/history/detail?maxResults=50&processInstanceId=" + onboardingA,
        "/history/process-instance/" + onboardingA)) {
      HttpResponse<String> answer = call(Role.ISV_A, "GET", "/engine-rest" + read, null);
      softly.assertThat(answer.statusCode()).as("%s: %s", read, answer.body()).isEqualTo(403);
    }
    // asked by name, or guessed through a list's variable condition, the notes stay unread
    HttpResponse<String> named = call(Role.ISV_A, "GET", "/engine-rest/task/" + activationTaskA
        + "/form-variables?variableNames=callNotes", null);
    softly.assertThat(named.statusCode()).isEqualTo(400);
    HttpResponse<String> guessed = call(Role.ISV_A, "GET", "/engine-rest/task?maxResults=5&processVariables=callNotes_like_staff%25",
        null);
    softly.assertThat(guessed.statusCode()).isEqualTo(400);
    softly.assertThat(call(Role.ISV_A, "POST", "/engine-rest/task?maxResults=5", Map.of("processVariables",
        List.of(Map.of("name", "callNotes", "operator", "like", "value", "staff%")))).statusCode()).isEqualTo(400);
    softly.assertAll();
  }

  /**
   * The one history a publisher reads, our API's, attacked by every role with every method, another
   * publisher's instance and parameters that would widen it: only the owner's GET answers, with
   * none of the staff's notes or ids.
   */
  @Test
  @Order(2)
  void aPublishersHistoryIsItsOwnAndHoldsNothingOfTheStaff() {
    Map<String, String> variablesBefore = variablesOf(onboardingA);
    SoftAssertions softly = new SoftAssertions();
    HttpResponse<String> own = call(Role.ISV_A, "GET", "/api/history", null);
    softly.assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
    softly.assertThat(own.body()).contains(onboardingA).contains("callApplicant").doesNotContain(CALL_NOTES)
        .doesNotContain("callNotes").doesNotContain(reviewer).doesNotContain("rt-mgr-").doesNotContain("rt-sup-");
    for (Role role : Role.values()) {
      for (String method : METHODS) {
        for (String query : List.of("", "?processInstanceId=" + onboardingA)) {
          boolean read = method.equals("GET") || method.equals("HEAD");
          if (read && (role == Role.ISV_A || role == Role.ISV_B && query.isEmpty())) {
            continue;
          }
          HttpResponse<String> answer = call(role, method, "/api/history" + query, null);
          softly.assertThat(answer.body()).as("%s %s /api/history%s", role, method, query)
              .doesNotContain("callApplicant").doesNotContain(onboardingA + "\",").doesNotContain(CALL_NOTES);
          // OPTIONS answers which methods there are (Spring MVC's Allow), nothing else
          if (!method.equals("OPTIONS") || role == Role.ANONYMOUS) {
            softly.assertThat(answer.statusCode()).as("%s %s /api/history%s", role, method, query).isBetween(400, 499);
          }
        }
      }
    }
    HttpResponse<String> others = call(Role.ISV_B, "GET", "/api/history", null);
    softly.assertThat(others.statusCode()).isEqualTo(200);
    softly.assertThat(others.body()).doesNotContain(onboardingA);
    for (String widening : List.of("publisherId=" + isvA, "userId=" + isvA, "processInstanceIds=" + onboardingA,
        "processInstanceId=" + onboardingA + "&processInstanceId=" + onboardingA, "tenantId=isv-" + isvA)) {
      HttpResponse<String> answer = call(Role.ISV_B, "GET", "/api/history?" + widening, null);
      softly.assertThat(answer.statusCode()).as(widening).isIn(400, 404);
      softly.assertThat(answer.body()).as(widening).doesNotContain("callApplicant");
    }
    softly.assertThat(variablesOf(onboardingA)).isEqualTo(variablesBefore);
    softly.assertAll();
  }

  @Test
  @Order(4)
  void aPublishersOwnWorkGoesThroughAsTasklistDoesIt() {
    // the task list through its filter, the task, its deployed form and its variables, claim, submit
    JsonNode filters = json(call(Role.ISV_A, "GET", "/camunda/api/engine/engine/default/filter?resourceType=Task&maxResults=50", null, true));
    assertThat(filters.size()).as("the publishers' filters").isPositive();
    String filter = filters.get(0).get("id").asText();
    HttpResponse<String> list = call(Role.ISV_A, "POST", "/camunda/api/engine/engine/default/filter/" + filter
        + "/list?firstResult=0&maxResults=15", Map.of("sorting", List.of(Map.of("sortBy", "created", "sortOrder", "desc")),
        "processVariables", List.of(), "taskVariables", List.of(), "caseInstanceVariables", List.of()), true);
    assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
    assertThat(list.body()).contains(activationTaskA);
    String task = "/camunda/api/engine/engine/default/task/" + activationTaskA;
    assertThat(call(Role.ISV_A, "GET", task, null, true).statusCode()).isEqualTo(200);
    assertThat(call(Role.ISV_A, "GET", task + "/form", null, true).statusCode()).isEqualTo(200);
    assertThat(call(Role.ISV_A, "GET", task + "/deployed-form", null, true).statusCode()).isEqualTo(200);
    HttpResponse<String> variables = call(Role.ISV_A, "GET", task + "/form-variables?deserializeValues=false", null, true);
    assertThat(variables.statusCode()).as(variables.body()).isEqualTo(200);
    assertThat(json(variables).has("publisherId")).isTrue();
    assertThat(json(variables).has("callNotes")).isFalse();
    assertThat(call(Role.ISV_A, "POST", task + "/claim", Map.of("userId", isvB), true).statusCode())
        .as("claimed for somebody else").isEqualTo(400);
    assertThat(call(Role.ISV_A, "POST", task + "/claim", Map.of("userId", isvA), true).statusCode()).isEqualTo(204);
    HttpResponse<String> submitted = call(Role.ISV_A, "POST", task + "/submit-form", Map.of("variables", Map.of(
        "credentialType", Map.of("value", "partnerId"), "credential", Map.of("value", "1234567"))), true);
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(204);
    await().atMost(Duration.ofSeconds(30)).until(() -> publishers.findById(isvA).orElseThrow().isActive());
    // now its start form: the definition, the deployed start form, its variables
    JsonNode startable = json(call(Role.ISV_A, "GET", "/camunda/api/engine/engine/default/process-definition"
        + "?latest=true&active=true&startableInTasklist=true&startablePermissionCheck=true&maxResults=15", null, true));
    assertThat(startable.findValuesAsText("key")).contains(SubmissionService.PROCESS_KEY);
    String definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey(SubmissionService.PROCESS_KEY)
        .latestVersion().singleResult().getId();
    String start = "/camunda/api/engine/engine/default/process-definition/" + definition;
    assertThat(call(Role.ISV_A, "GET", start + "/startForm", null, true).statusCode()).isEqualTo(200);
    assertThat(call(Role.ISV_A, "GET", start + "/deployed-start-form", null, true).statusCode()).isEqualTo(200);
    assertThat(call(Role.ISV_A, "GET", start + "/form-variables", null, true).statusCode()).isEqualTo(200);
  }

  @Test
  @Order(3)
  void staffWorkAndOperationsReadsGoThrough() {
    // a reviewer's list and an application's variables; support's list; operations in Cockpit
    assertThat(call(Role.REVIEWER, "GET", "/engine-rest/task?maxResults=50", null).statusCode()).isEqualTo(200);
    assertThat(call(Role.REVIEWER, "GET", "/engine-rest/process-instance/" + onboardingA + "/variables", null)
        .statusCode()).isEqualTo(200);
    assertThat(call(Role.SUPPORT, "GET", "/camunda/api/engine/engine/default/task?maxResults=50", null, true).statusCode())
        .isEqualTo(200);
    assertThat(call(Role.OPERATIONS, "GET", "/camunda/api/engine/engine/default/process-definition/statistics"
        + "?failedJobs=true", null, true).statusCode()).isEqualTo(200);
    assertThat(call(Role.OPERATIONS, "POST", "/camunda/api/cockpit/plugin/base/default/process-instance"
        + "?firstResult=0&maxResults=50", Map.of("processDefinitionKey", "publisherOnboarding"), true).statusCode())
        .isEqualTo(200);
    HttpResponse<String> history = call(Role.OPERATIONS, "POST", "/camunda/api/engine/engine/default/history/process-instance"
        + "?maxResults=50", Map.of("processInstanceIds", List.of(onboardingA)), true);
    assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
    assertThat(history.body()).contains(onboardingA);
  }

  @Test
  @Order(5)
  // the sweep leaves its context with 127.0.0.1's sign-in budget spent on purposeful refusals: the
  // classes after it start from a fresh one
  @DirtiesContext
  void everybodyChangesItsOwnPasswordAndNobodyElses() {
    String newPassword = "Own-Passw0rd!" + UUID.randomUUID().toString().substring(0, 6);
    HttpResponse<String> others = call(Role.ISV_B, "PUT", "/engine-rest/user/" + isvA + "/credentials",
        Map.of("password", newPassword, "authenticatedUserPassword", TestPublishers.PASSWORD));
    assertThat(others.statusCode()).as(others.body()).isEqualTo(403);
    HttpResponse<String> own = call(Role.ISV_A, "PUT", "/engine-rest/user/" + isvA + "/credentials",
        Map.of("password", newPassword, "authenticatedUserPassword", logins.get(Role.ISV_A)[1]));
    assertThat(own.statusCode()).as(own.body()).isEqualTo(204);
    assertThat(engine.getIdentityService().checkPassword(isvA, newPassword)).isTrue();
  }

  @AfterAll
  static void logRefusalsAgain() {
    LoggingSystem.get(EngineApiRedTeamTest.class.getClassLoader()).setLogLevel("security.engine-api", null);
    base = null;
  }

  // ------------------------------------------------------------------------------------------------

  private Map<EngineApi, Set<Endpoint>> resourcesOfTheRunningApplication() {
    Map<EngineApi, Set<Endpoint>> resources = new EnumMap<>(EngineApi.class);
    // the engine REST API's default paths; /engine/{name}/... is one of the spellings tried
    Set<Endpoint> engineResources = JaxRsResources.of(engineRest.getClasses()).stream()
        .filter(endpoint -> !endpoint.path().startsWith("/engine/")).collect(Collectors.toCollection(java.util.TreeSet::new));
    // the webapps' engine API serves the same resources under /engine/{name}
    JaxRsResources.of(new EngineRestApplication().getClasses()).stream()
        .filter(endpoint -> endpoint.path().startsWith("/engine/{name}/"))
        .map(endpoint -> new Endpoint(endpoint.method(), endpoint.path().substring("/engine/{name}".length())))
        .forEach(engineResources::add);
    resources.put(EngineApi.ENGINE, engineResources);
    resources.put(EngineApi.COCKPIT, JaxRsResources.of(new CockpitApplication().getClasses()));
    resources.put(EngineApi.TASKLIST, JaxRsResources.of(new TasklistApplication().getClasses()));
    resources.put(EngineApi.ADMIN, JaxRsResources.of(new AdminApplication().getClasses()));
    resources.put(EngineApi.WELCOME, JaxRsResources.of(new WelcomeApplication().getClasses()));
    return resources;
  }

  record Spelling(String kind, String path, boolean session, Set<Integer> refusals) {}

  /**
   * How one resource can be spelled: the canonical ones are refused by the gate (401 without a
   * sign-in, else 403); another engine, other case and the malformed ones may also end earlier
   * (400 from the firewall, 404 from the engine's authentication or an unmapped path, 405).
   */
  private List<Spelling> spellings(EngineApi api, String path, Role role) {
    Set<Integer> gate = Set.of(401, 403);
    Set<Integer> earlier = Set.of(400, 401, 403, 404, 405);
    List<Spelling> spellings = new ArrayList<>();
    List<String> canonical = new ArrayList<>();
    if (api == EngineApi.ENGINE) {
      spellings.add(new Spelling("engine REST", "/engine-rest" + path, false, gate));
      spellings.add(new Spelling("engine REST by name", "/engine-rest/engine/default" + path, false, gate));
      spellings.add(new Spelling("webapp engine API", "/camunda/api/engine/engine/default" + path, true, gate));
      spellings.add(new Spelling("another engine", "/engine-rest/engine/other" + path, false, earlier));
      spellings.add(new Spelling("upper case", "/ENGINE-REST/engine/default" + path, false, earlier));
      spellings.add(new Spelling("upper case resource", "/engine-rest/engine/default" + path.toUpperCase(), false, earlier));
      canonical.add("/engine-rest/engine/default");
      canonical.add("/camunda/api/engine/engine/default");
    } else {
      String prefix = "/camunda/api/" + api.name().toLowerCase();
      spellings.add(new Spelling("webapp API", prefix + path, true, gate));
      spellings.add(new Spelling("upper case", prefix.toUpperCase() + path, true, earlier));
      canonical.add(prefix);
    }
    if (role == Role.ISV_A) {
      for (String prefix : canonical) {
        boolean session = prefix.startsWith("/camunda");
        int cut = prefix.lastIndexOf('/');
        spellings.add(new Spelling("encoded slash", prefix.substring(0, cut) + "%2F" + prefix.substring(cut + 1) + path,
            session, earlier));
        spellings.add(new Spelling("encoded dot", prefix + "/%2e" + path, session, earlier));
        spellings.add(new Spelling("double slash", prefix + "/" + path, session, earlier));
        spellings.add(new Spelling("dot segment", prefix + "/." + path, session, earlier));
        spellings.add(new Spelling("dot-dot segment", prefix + "/x/.." + path, session, earlier));
        spellings.add(new Spelling("path parameter", prefix + ";a=b" + path, session, earlier));
        spellings.add(new Spelling("encoded letter", prefix + encodeFirstLetter(path), session, earlier));
      }
    }
    return spellings;
  }

  /** {@code /task} as {@code /%74ask}: the container decodes it, the gate judges what it routes. */
  private static String encodeFirstLetter(String path) {
    return path.length() < 2 ? path : "/" + String.format("%%%02x", (int) path.charAt(1)) + path.substring(2);
  }

  private boolean isAllowed(Role role, EngineApi api, String method, String path) {
    return EngineApiAllowList.find(groups.get(role), api, HttpMethod.valueOf(method), path).isPresent();
  }

  /** Real IDs where a resource names one, so that a request let through would act on A's or B's things. */
  private String fill(String template) {
    String[] segments = template.split("/");
    StringBuilder path = new StringBuilder();
    for (int i = 1; i < segments.length; i++) {
      String segment = segments[i];
      if (segment.startsWith("{")) {
        String previous = segments[i - 1];
        segment = switch (previous) {
          case "task" -> activationTaskA;
          case "process-instance", "execution" -> onboardingA;
          case "key" -> "publisherOnboarding";
          case "user" -> isvA;
          case "group" -> "isv-" + isvA;
          case "variables", "localVariables" -> "contactEmail";
          case "plugin" -> "base";
          default -> segment.contains("engine") ? "default" : "x";
        };
      }
      path.append('/').append(segment);
    }
    return path.isEmpty() ? "/" : path.toString();
  }

  private HttpResponse<String> call(Role role, String method, String path, Object body) {
    return call(role, method, path, body, false);
  }

  private HttpResponse<String> call(Role role, String method, String path, Object body, boolean session) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (session) {
      WebappSession webapp = sessions.get(role);
      request.header("Cookie", webapp.cookie()).header("X-XSRF-TOKEN", webapp.csrfToken());
    } else if (logins.containsKey(role)) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
          (logins.get(role)[0] + ":" + logins.get(role)[1]).getBytes(StandardCharsets.UTF_8)));
    }
    Object payload = body != null ? body : List.of("GET", "DELETE", "HEAD", "OPTIONS").contains(method) ? null
        : attackBody();
    try {
      request.method(method, payload == null ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(payload)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    if (payload != null) {
      request.header("Content-Type", "application/json");
    }
    return WebappSession.send(client, request.build());
  }

  /** What a request off the list would carry: new values for A's variables, B as the user, retries, suspension. */
  private Map<String, Object> attackBody() {
    Map<String, Object> body = new TreeMap<>();
    body.put("variables", Map.of("contactEmail", Map.of("value", ATTACKER_MAIL)));
    body.put("modifications", Map.of("contactEmail", Map.of("value", ATTACKER_MAIL)));
    body.put("value", ATTACKER_MAIL);
    body.put("type", "String");
    body.put("userId", isvB);
    body.put("retries", 7);
    body.put("suspended", true);
    body.put("processInstanceId", onboardingA);
    return body;
  }

  private void awaitQuiet() {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
        managementService.createJobQuery().executable().count() == 0);
    Map<String, String> first = EngineState.of(engine, dataSource);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
      Map<String, String> now = EngineState.of(engine, dataSource);
      boolean same = now.equals(first);
      first.clear();
      first.putAll(now);
      return same;
    });
  }

  private Map<String, String> variablesOf(String processInstanceId) {
    Map<String, String> variables = new TreeMap<>();
    runtimeService.getVariables(processInstanceId).forEach((name, value) -> variables.put(name, String.valueOf(value)));
    return variables;
  }

  private long instances(String key) {
    return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(key).count();
  }

  private JsonNode json(HttpResponse<String> answer) {
    try {
      return json.readTree(answer.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + answer.body(), e);
    }
  }

  private String message(HttpResponse<String> answer) {
    return json(answer).path("message").asText();
  }

  private String staff(Role role, String id, String group) {
    StaffUsers.ensure(engine.getIdentityService(), id, group, STAFF_PASSWORD);
    logins.put(role, new String[] {id, STAFF_PASSWORD});
    groups.put(role, List.of(group));
    return id;
  }

  private String awaitTask(String processInstanceId, String taskKey) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> taskService.createTaskQuery()
        .processInstanceId(processInstanceId).taskDefinitionKey(taskKey).singleResult(), task -> task != null).getId();
  }

  private static String abbreviate(String body) {
    return body == null ? "" : body.length() > 160 ? body.substring(0, 160) + "..." : body;
  }
}
