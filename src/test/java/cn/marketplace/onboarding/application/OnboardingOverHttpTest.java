package cn.marketplace.onboarding.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.testsupport.MailServer;
import cn.marketplace.onboarding.testsupport.Mails;
import cn.marketplace.onboarding.testsupport.OnboardingHttpTest;
import cn.marketplace.onboarding.testsupport.PartnerIds;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The onboarding as its users drive it, over HTTP only: the public API, the engine REST API with
 * each user's Basic credentials, the mails in GreenMail, the mailed password to sign in; and the
 * walls between two ISVs.
 */
@OnboardingHttpTest
class OnboardingOverHttpTest {

  private static final String STAFF_PASSWORD = "Staff-Passw0rd!x";

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;
  @Autowired HistoryService historyService;

  @BeforeAll
  static void purgeMail() {
    MailServer.purge();
  }

  @Test
  void twoIsvsWalkOnboardingAndSeeNothingOfEachOther() {
    staff("reviewer-http", Groups.REVIEWERS);
    staff("manager-http", Groups.ACCOUNT_MANAGERS);

    Isv alpha = onboard("alpha@isv-alpha.example.cn");
    Isv beta = onboard("beta@isv-beta.example.cn");

    // each ISV sees its own activation task, and only that
    assertThat(taskKeys(alpha)).containsExactly("activatePublishing");
    assertThat(taskKeys(beta)).containsExactly("activatePublishing");
    assertThat(get(alpha, "/engine-rest/process-instance?maxResults=100").getBody()).extracting(n -> n.get("id").asText())
        .containsExactly(alpha.processInstanceId());
    // ... and nothing of the other's instance, variables or task
    assertThat(get(beta, "/engine-rest/process-instance/" + alpha.processInstanceId() + "/variables").getStatusCode())
        .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    assertThat(get(beta, "/engine-rest/process-instance?maxResults=100&processInstanceIds=" + alpha.processInstanceId()).getBody())
        .isEmpty();
    String alphaTask = get(alpha, "/engine-rest/task?maxResults=100").getBody().get(0).get("id").asText();
    assertThat(post(beta, "/engine-rest/task/" + alphaTask + "/complete",
        Map.of("variables", Map.of("credentialType", Map.of("value", "none")))).getStatusCode())
        .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    assertThat(get(beta, "/engine-rest/history/variable-instance?maxResults=100&processInstanceId=" + alpha.processInstanceId())
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    // alpha activates with its partner ID and becomes active
    assertThat(post(alpha, "/engine-rest/task/" + alphaTask + "/complete", Map.of("variables", Map.of(
        "credentialType", Map.of("value", "partnerId"), "credential", Map.of("value", PartnerIds.unused())))).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(Mails.subjects(alpha.email())).anyMatch(s -> s.contains("发布权限已激活")));
    // a publisher reads no history of its onboarding (it holds the staff's notes and names): asked of the engine
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(alpha.processInstanceId()).variableName("publisherStatus").list())
        .extracting(HistoricVariableInstance::getValue).containsExactly("active"));
    assertThat(get(alpha, "/engine-rest/history/variable-instance?maxResults=100&processInstanceId="
        + alpha.processInstanceId()).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    // now alpha may start an image certification, beta may not yet (ACCT-2)
    String mayStartCertification = "/engine-rest/authorization/check?permissionName=CREATE_INSTANCE"
        + "&resourceName=ProcessDefinition&resourceType=6&resourceId=imageCertification";
    assertThat(get(alpha, mayStartCertification).getBody().get("authorized").asBoolean()).isTrue();
    assertThat(get(beta, mayStartCertification).getBody().get("authorized").asBoolean()).isFalse();
    // the initial password is in one mail and nowhere in the engine's history
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(alpha.processInstanceId()).list())
        .extracting(variable -> String.valueOf(variable.getValue())).noneMatch(value -> value.contains(alpha.password()));
  }

  @Test
  void listsMustBePagedSoNoQueryReadsTheWholeDatabase() {
    staff("reviewer-http", Groups.REVIEWERS);
    assertThat(exchange("reviewer-http", STAFF_PASSWORD, HttpMethod.GET, "/engine-rest/task", null).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(exchange("reviewer-http", STAFF_PASSWORD, HttpMethod.GET, "/engine-rest/task?maxResults=50", null)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void theEngineRestApiWantsCredentials() {
    assertThat(http.getForEntity("/engine-rest/task", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.getForEntity("/engine-rest/process-instance", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void theOpenApiDescriptionIsServed() {
    ResponseEntity<JsonNode> docs = http.getForEntity("/v3/api-docs", JsonNode.class);
    assertThat(docs.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(docs.getBody().get("paths").has("/api/applications")).isTrue();
    assertThat(http.getForEntity("/swagger-ui/index.html", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void theApplyPageIsPublicAndRendersTheStartFormsOwnSchema() {
    ResponseEntity<String> page = http.getForEntity("/apply/", String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).containsPattern("/apply/vendor/form-js/form-viewer\\.umd-[0-9a-f]+\\.js").contains("apply.js");
    ResponseEntity<JsonNode> schema = http.getForEntity("/apply/form.json", JsonNode.class);
    assertThat(schema.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(schema.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
    assertThat(schema.getBody().get("id").asText()).isEqualTo("applicationForm");
    assertThat(schema.getBody().findValuesAsText("key")).contains("unifiedSocialCreditCode", "policyAccepted");
    assertThat(http.getForEntity("/apply/vendor/form-js/form-viewer.umd.js", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  private Isv onboard(String email) {
    ResponseEntity<JsonNode> created = http.postForEntity("/api/applications",
        ApplicationFixtures.unique(email), JsonNode.class);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(created.getHeaders().getLocation()).hasPath("/api/applications/" + created.getBody().get("id").asText());
    String pi = created.getBody().get("processInstanceId").asText();

    String reviewTask = awaitTask("reviewer-http", pi, "reviewApplication");
    assertThat(postAs("reviewer-http", STAFF_PASSWORD, "/engine-rest/task/" + reviewTask + "/complete",
        Map.of("variables", Map.of("reviewDecision", Map.of("value", "approve")))).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    String callTask = awaitTask("manager-http", pi, "callApplicant");

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(Mails.subjects(email)).contains("您的 Azure 镜像市场发布商账号"));
    String login = Mails.find(email, "登录名：(\\S+)");
    String password = Mails.find(email, "初始密码：(\\S+)");
    Isv isv = new Isv(email, login, password, pi);
    // the call joins the account's branch: completing it while the account job commits would
    // fail one of the two with an optimistic lock, so call once the account is in
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(get(isv, "/engine-rest/task?maxResults=1").getStatusCode()).isEqualTo(HttpStatus.OK));
    assertThat(postAs("manager-http", STAFF_PASSWORD, "/engine-rest/task/" + callTask + "/complete",
        Map.of("variables", Map.of("callOutcome", Map.of("value", "reached")))).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(taskKeys(isv)).isNotEmpty());
    return isv;
  }

  private String awaitTask(String user, String processInstanceId, String taskKey) {
    String path = "/engine-rest/task?maxResults=100&processInstanceId=" + processInstanceId + "&taskDefinitionKey=" + taskKey;
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      ResponseEntity<JsonNode> tasks = exchange(user, STAFF_PASSWORD, HttpMethod.GET, path, null);
      assertThat(tasks.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(tasks.getBody()).as("%s's tasks", user).hasSize(1);
    });
    return exchange(user, STAFF_PASSWORD, HttpMethod.GET, path, null).getBody().get(0).get("id").asText();
  }

  private List<String> taskKeys(Isv isv) {
    // the account mail leaves inside the issuing transaction: signing in may need a moment more
    ResponseEntity<JsonNode> tasks = get(isv, "/engine-rest/task?maxResults=100");
    assertThat(tasks.getStatusCode()).isEqualTo(HttpStatus.OK);
    return java.util.stream.StreamSupport.stream(tasks.getBody().spliterator(), false)
        .map(n -> n.get("taskDefinitionKey").asText()).toList();
  }

  private void staff(String id, String group) {
    if (identityService.createUserQuery().userId(id).count() == 0) {
      User user = identityService.newUser(id);
      user.setEmail(id + "@staff.example.cn");
      user.setPassword(STAFF_PASSWORD);
      identityService.saveUser(user);
      identityService.createMembership(id, group);
    }
  }

  private ResponseEntity<JsonNode> get(Isv isv, String path) {
    return exchange(isv.login(), isv.password(), HttpMethod.GET, path, null);
  }

  private ResponseEntity<JsonNode> post(Isv isv, String path, Object body) {
    return exchange(isv.login(), isv.password(), HttpMethod.POST, path, body);
  }

  private ResponseEntity<JsonNode> postAs(String user, String password, String path, Object body) {
    return exchange(user, password, HttpMethod.POST, path, body);
  }

  private ResponseEntity<JsonNode> exchange(String user, String password, HttpMethod method, String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, password);
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
  }

  private record Isv(String email, String login, String password, String processInstanceId) {}
}
