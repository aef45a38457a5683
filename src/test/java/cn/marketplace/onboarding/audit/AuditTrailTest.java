package cn.marketplace.onboarding.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.marketplace.onboarding.application.ApplicationFixtures;
import cn.marketplace.onboarding.application.ApplicationForm;
import cn.marketplace.onboarding.application.ApplicationService;
import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.testsupport.Jobs;
import cn.marketplace.onboarding.testsupport.Mails;
import cn.marketplace.onboarding.testsupport.OnboardingSpringTest;
import cn.marketplace.onboarding.testsupport.PartnerIds;
import cn.marketplace.onboarding.testsupport.StaffUsers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The audit trail of one onboarding as the staff read it: each decision with who took it, the
 * product's own steps as {@code system}, in order; nothing for publishers or anonymous callers, and
 * no secret or ISV content in the answer. The clock moves a minute between steps so the order is the
 * order of the steps.
 */
@OnboardingSpringTest
@AutoConfigureMockMvc
class AuditTrailTest {

  private static final String STAFF_PASSWORD = "Staff-Passw0rd!x";

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired ProcessEngine engine;
  @Autowired ApplicationService applications;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void staffReadWhoDecidedWhatAndWhenWithoutSecrets() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    String reviewer = staff("audit-rev-" + suffix, Groups.REVIEWERS);
    String manager = staff("audit-mgr-" + suffix, Groups.ACCOUNT_MANAGERS);
    String operator = staff("audit-ops-" + suffix, Groups.OPERATIONS);
    String email = "audit-" + suffix + "@isv.example.cn";
    ApplicationForm form = ApplicationFixtures.unique(email);
    String pi = applications.submit(form).processInstanceId();

    nextMinute();
    completeAs(reviewer, List.of(Groups.REVIEWERS), pi, "reviewApplication",
        Map.of("reviewDecision", "approve", "reviewComment", "Welcome aboard"));
    runJob(pi, "mailApproval");
    nextMinute();
    completeAs(manager, List.of(Groups.ACCOUNT_MANAGERS), pi, "callApplicant",
        Map.of("callOutcome", "reached", "callNotes", "Spoke with the CTO"));
    nextMinute();
    runJob(pi, "issueAccount");
    Jobs.joinAccountAndCall(engine, instance(pi));
    String publisher = (String) engine.getRuntimeService().getVariable(pi, "publisherId");
    String initialPassword = Mails.find(email, "初始密码：(\\S+)");
    nextMinute();
    String partnerId = PartnerIds.unused();
    completeAs(publisher, List.of(Groups.PUBLISHERS, "isv-" + publisher), pi, "activatePublishing",
        Map.of("credentialType", "partnerId", "credential", partnerId));
    nextMinute();
    runJob(pi, "verifyCredential");
    runJob(pi, "activatePublisher");

    String answer = mvc.perform(get("/api/audit").param("processInstanceId", pi).headers(basic(operator, STAFF_PASSWORD)))
        .andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString();
    assertThat(json.readTree(answer)).extracting(
            entry -> text(entry, "actor"), entry -> text(entry, "action"), entry -> text(entry, "task"),
            entry -> text(entry, "decision"))
        .containsExactly(
            tuple(reviewer, "Complete", "reviewApplication", "reviewDecision=approve"),
            tuple(manager, "Complete", "callApplicant", "callOutcome=reached"),
            tuple("system", "IssuePublisherAccount", null, null),
            tuple(publisher, "Complete", "activatePublishing", "credentialType=partnerId"),
            tuple("system", "ActivatePublisher", null, null));
    assertThat(answer).doesNotContain(initialPassword, partnerId, "Welcome aboard", "Spoke with the CTO",
        form.companyName(), form.contactPhone(), email);

    String reviewersOwn = mvc.perform(get("/api/audit").param("processInstanceId", pi).param("userId", reviewer)
            .headers(basic(manager, STAFF_PASSWORD)))
        .andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString();
    assertThat(json.readTree(reviewersOwn)).extracting(entry -> text(entry, "decision"))
        .containsExactly("reviewDecision=approve");

    mvc.perform(get("/api/audit").headers(basic(publisher, initialPassword)))
        .andExpect(status().isForbidden())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    mvc.perform(get("/api/audit")).andExpect(status().isUnauthorized());
  }

  /**
   * Entries without a property, task or decision (a start, variable changes, job and timer changes,
   * suspension) are answered like any other: each engine command of a signed-in user is one entry.
   */
  @Test
  void answersForEveryKindOfEntryTheEngineWrites() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    String admin = staff("audit-adm-" + suffix, Groups.ADMIN);
    String operator = staff("audit-ops2-" + suffix, Groups.OPERATIONS);
    var runtime = engine.getRuntimeService();
    var management = engine.getManagementService();

    engine.getIdentityService().setAuthentication(admin, List.of(Groups.ADMIN));
    String pi;
    try {
      pi = applications.submit(ApplicationFixtures.unique("audit-null-" + suffix + "@isv.example.cn"))
          .processInstanceId();
      runtime.setVariable(pi, "auditProbe", "one");
      runtime.removeVariable(pi, "auditProbe");
      String timer = management.createJobQuery().processInstanceId(pi).timers().singleResult().getId();
      management.setJobDuedate(timer, Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(30))));
      management.setJobRetries(timer, 2);
      runtime.suspendProcessInstanceById(pi);
      runtime.activateProcessInstanceById(pi);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    assertThat(engine.getHistoryService().createUserOperationLogQuery().processInstanceId(pi).list())
        .as("the engine wrote entries without a property")
        .anySatisfy(entry -> assertThat(entry.getProperty()).isNull());

    String answer = mvc.perform(get("/api/audit").param("processInstanceId", pi).headers(basic(operator, STAFF_PASSWORD)))
        .andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString();
    assertThat(json.readTree(answer)).extracting(entry -> text(entry, "actor")).containsOnly(admin);
    assertThat(json.readTree(answer)).extracting(entry -> text(entry, "action"))
        .contains("Create", "SetVariable", "RemoveVariable", "SetDueDate", "SetJobRetries", "Suspend", "Activate");

    mvc.perform(get("/api/audit").headers(basic(operator, STAFF_PASSWORD))).andExpect(status().isOk());
  }

  private String staff(String userId, String group) {
    StaffUsers.ensure(engine.getIdentityService(), userId, group, STAFF_PASSWORD);
    return userId;
  }

  /** As Tasklist does it: the engine command runs with the signed-in user. */
  private void completeAs(String userId, List<String> groups, String pi, String taskKey, Map<String, Object> variables) {
    String taskId = engine.getTaskService().createTaskQuery().processInstanceId(pi).taskDefinitionKey(taskKey)
        .singleResult().getId();
    engine.getIdentityService().setAuthentication(userId, groups);
    try {
      engine.getTaskService().complete(taskId, variables);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private void runJob(String pi, String activityId) {
    var managementService = engine.getManagementService();
    managementService.executeJob(managementService.createJobQuery().processInstanceId(pi).activityId(activityId)
        .singleResult().getId());
  }

  private ProcessInstance instance(String pi) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pi).singleResult();
  }

  private static void nextMinute() {
    ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofMinutes(1))));
  }

  private static HttpHeaders basic(String userId, String password) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(userId, password, StandardCharsets.UTF_8);
    return headers;
  }

  private static String text(JsonNode entry, String field) {
    JsonNode value = entry.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
