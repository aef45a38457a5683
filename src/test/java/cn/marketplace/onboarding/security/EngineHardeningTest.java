package cn.marketplace.onboarding.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.marketplace.onboarding.application.ApplicationFixtures;
import cn.marketplace.onboarding.application.ApplicationService;
import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.testsupport.OnboardingHttpTest;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaScript;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The engine's security settings, read from the running engine, and what of them shows over HTTP
 * on a plain-HTTP deployment (the {@code tls} profile's additions: {@link TlsHardeningTest}).
 */
@OnboardingHttpTest
class EngineHardeningTest {

  @Autowired ProcessEngine processEngine;
  @Autowired IdentityService identityService;
  @Autowired AuthorizationService authorizationService;
  @Autowired RepositoryService repositoryService;
  @Autowired ApplicationService applications;
  @Autowired ApplicationContext context;
  @Autowired TestRestTemplate http;

  private ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
  }

  @Test
  void queriesEvaluateNoExpressions() {
    assertThat(configuration().isEnableExpressionsInAdhocQueries()).isFalse();
    assertThat(configuration().isEnableExpressionsInStoredQueries()).isFalse();
    assertThatThrownBy(() -> processEngine.getTaskService().createTaskQuery().dueBeforeExpression("${now()}").list())
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Expressions are forbidden");
  }

  @Test
  void variablesAreNeverJavaSerialized() {
    assertThat(configuration().isJavaSerializationFormatEnabled()).isFalse();
    assertThat(configuration().isDeserializationTypeValidationEnabled()).isTrue();
    String instance = applications.submit(ApplicationFixtures.unique("serial-" + UUID.randomUUID() + "@example.cn"))
        .processInstanceId();
    // a Java-serialized value sent from outside (REST, Tasklist) is refused before anything deserializes it
    var attack = Variables.serializedObjectValue("rO0ABXNyABNqYXZhLnV0aWwuQXJyYXlMaXN0eIHSHZnHYZ0DAAFJAARzaXpleHAAAAAAdwQAAAAAeA==")
        .serializationDataFormat(Variables.SerializationDataFormats.JAVA).objectTypeName("java.util.ArrayList").create();
    assertThatThrownBy(() -> processEngine.getRuntimeService().setVariable(instance, "payload", attack))
        .isInstanceOf(ProcessEngineException.class);
  }

  @Test
  void listQueriesAreLimited() {
    assertThat(configuration().getQueryMaxResultsLimit()).isEqualTo(2000);
    String reviewer = staff(Groups.REVIEWERS);
    assertThat(exchange(reviewer, HttpMethod.GET, "/engine-rest/task?maxResults=2001").getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(exchange(reviewer, HttpMethod.GET, "/engine-rest/task?maxResults=2000").getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void weakPasswordsAreRefused() {
    assertThat(configuration().isEnablePasswordPolicy()).isTrue();
    User user = identityService.newUser("weak-" + UUID.randomUUID().toString().substring(0, 8));
    user.setPassword("password");
    assertThatThrownBy(() -> identityService.saveUser(user)).isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("Password does not match policy");
    assertThat(identityService.createUserQuery().userId(user.getId()).count()).isZero();
  }

  @Test
  void aWrongPasswordDelaysTheNextLoginAndManyLockTheUser() {
    assertThat(configuration().getLoginMaxAttempts()).isEqualTo(Integer.MAX_VALUE);
    assertThat(configuration().getLoginDelayBase()).isEqualTo(3);
    assertThat(configuration().getLoginDelayFactor()).isEqualTo(2);
    assertThat(configuration().getLoginDelayMaxTime()).isEqualTo(60);
    String user = staff(Groups.REVIEWERS);
    assertThat(identityService.checkPassword(user, "Wrong-Passw0rd!")).isFalse();
    // the right password right after a wrong one is refused as well: guessing costs time
    assertThat(identityService.checkPassword(user, STAFF_PASSWORD)).isFalse();
  }

  @Test
  void noScriptRunsAndNoDiagramCarriesOne() {
    for (String language : List.of("javascript", "groovy", "python", "juel")) {
      assertThatThrownBy(() -> configuration().getScriptEngineResolver().getScriptEngine(language, true))
          .isInstanceOf(ProcessEngineException.class).hasMessageContaining("disabled");
    }
    // even a diagram that reached the engine with a script does not run it
    String deployment = repositoryService.createDeployment().name("script-probe")
        .addString("script-probe.bpmn", SCRIPT_DIAGRAM).deploy().getId();
    try {
      assertThatThrownBy(() -> processEngine.getRuntimeService().startProcessInstanceByKey("attack"))
          .isInstanceOf(ProcessEngineException.class).hasMessageContaining("disabled");
    } finally {
      repositoryService.deleteDeployment(deployment, true);
    }
    List<ProcessDefinition> definitions = repositoryService.createProcessDefinitionQuery().list();
    assertThat(definitions).isNotEmpty();
    for (ProcessDefinition definition : definitions) {
      BpmnModelInstance model = repositoryService.getBpmnModelInstance(definition.getId());
      assertThat(model.getModelElementsByType(ScriptTask.class)).as(definition.getKey()).isEmpty();
      assertThat(model.getModelElementsByType(CamundaScript.class)).as(definition.getKey()).isEmpty();
      assertThat(model.getModelElementsByType(ConditionExpression.class))
          .as(definition.getKey()).allSatisfy(condition -> assertThat(condition.getLanguage()).isNull());
    }
  }

  @Test
  void onlyAdministratorsMayDeploy() {
    List<Authorization> deploymentGrants = authorizationService.createAuthorizationQuery()
        .resourceType(Resources.DEPLOYMENT).hasPermission(Permissions.CREATE).list();
    assertThat(deploymentGrants).isNotEmpty()
        .allSatisfy(grant -> assertThat(grant.getGroupId()).isEqualTo(Groups.ADMIN));
    String reviewer = staff(Groups.REVIEWERS);
    HttpHeaders headers = basic(reviewer);
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    var form = new org.springframework.util.LinkedMultiValueMap<String, Object>();
    form.add("deployment-name", "attack");
    form.add("data", new org.springframework.core.io.ByteArrayResource(SCRIPT_DIAGRAM.getBytes()) {
      @Override
      public String getFilename() {
        return "attack.bpmn";
      }
    });
    assertThat(http.exchange("/engine-rest/deployment/create", HttpMethod.POST, new HttpEntity<>(form, headers),
        String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(repositoryService.createDeploymentQuery().deploymentName("attack").count()).isZero();
  }

  @Test
  void noDemoUsersOutsideTheDevProfile() {
    assertThat(context.getBeanNamesForType(cn.marketplace.onboarding.engine.ScriptingDisabled.class)).hasSize(1);
    assertThat(context.containsBean("devUsers")).isFalse();
    assertThat(identityService.createUserQuery().userIdIn("reviewer", "manager", "support", "ops", "demo").count())
        .isZero();
    // the administrator's password is random, never the engine's default of the user id
    assertThat(identityService.checkPassword("admin", "admin")).isFalse();
  }

  @Test
  void theWebappsSendSecurityHeadersAndHardenedCookies() {
    HttpHeaders headers = headersOf("/camunda/app/tasklist/default/");
    assertThat(headers.getFirst("Content-Security-Policy")).contains("frame-ancestors 'none'")
        .contains("object-src 'none'");
    assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(headers.getFirst("X-XSS-Protection")).isEqualTo("1; mode=block");
    // plain HTTP: no HSTS, and no Secure flag the browser would drop the cookie for
    assertThat(headers.containsKey("Strict-Transport-Security")).isFalse();
    assertThat(cookie(headers, "XSRF-TOKEN")).containsIgnoringCase("SameSite=Lax")
        .doesNotContainIgnoringCase("Secure");
    assertThat(cookie(headers, "JSESSIONID")).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
  }

  @Test
  void theWebappsRefuseAChangeWithoutTheirCsrfToken() {
    String reviewer = staff(Groups.REVIEWERS);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    ResponseEntity<String> login = http.exchange("/camunda/api/admin/auth/user/default/login/tasklist", HttpMethod.POST,
        new HttpEntity<>("username=" + reviewer + "&password=" + STAFF_PASSWORD, headers), String.class);
    assertThat(login.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(login.getHeaders().getFirst("X-XSRF-TOKEN")).isEqualTo("Required");
  }

  @Test
  void ourPagesAndApiSendSecurityHeaders() {
    HttpHeaders headers = headersOf("/apply/");
    assertThat(headers.getFirst("Content-Security-Policy")).contains("script-src 'self'")
        .contains("frame-ancestors 'none'");
    assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(headers.getFirst("X-Frame-Options")).isEqualTo("DENY");
    assertThat(headers.getFirst("Referrer-Policy")).isEqualTo("same-origin");
    assertThat(headers.containsKey("Strict-Transport-Security")).isFalse();
  }

  private HttpHeaders headersOf(String page) {
    ResponseEntity<String> answer = http.getForEntity(page, String.class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    return answer.getHeaders();
  }

  static String cookie(HttpHeaders headers, String name) {
    return headers.getOrEmpty(HttpHeaders.SET_COOKIE).stream().filter(c -> c.startsWith(name + "=")).findFirst()
        .orElseThrow(() -> new AssertionError("no cookie " + name + " in " + headers.get(HttpHeaders.SET_COOKIE)));
  }

  static final String STAFF_PASSWORD = "Staff-Passw0rd!x";

  private String staff(String group) {
    String id = "hard-" + UUID.randomUUID().toString().substring(0, 8);
    User user = identityService.newUser(id);
    user.setPassword(STAFF_PASSWORD);
    identityService.saveUser(user);
    identityService.createMembership(id, group);
    return id;
  }

  private static HttpHeaders basic(String user) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, STAFF_PASSWORD);
    return headers;
  }

  private ResponseEntity<String> exchange(String user, HttpMethod method, String path) {
    return http.exchange(path, method, new HttpEntity<>(basic(user)), String.class);
  }

  private static final String SCRIPT_DIAGRAM = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
        <bpmn:process id="attack" isExecutable="true" camunda:historyTimeToLive="1">
          <bpmn:startEvent id="s"/>
          <bpmn:scriptTask id="run" scriptFormat="javascript"><bpmn:script>java.lang.Runtime.getRuntime()</bpmn:script></bpmn:scriptTask>
          <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="run"/>
        </bpmn:process>
      </bpmn:definitions>
      """;
}
