package cn.marketplace.onboarding.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.marketplace.onboarding.application.ApplicationFixtures;
import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.testsupport.OnboardingHttpTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Health and metrics as operations read them, and closed to everyone else. */
@OnboardingHttpTest
class MonitoringOverHttpTest {

  private static final String PASSWORD = "Ops-Passw0rd!x1";

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;
  @Autowired WorkloadGauges workloadGauges;
  @Autowired CalendarCoverage calendarCoverage;
  @Autowired CalendarCoverageAlert calendarCoverageAlert;

  @BeforeEach
  void users() {
    user("ops-metrics", Groups.OPERATIONS);
    user("reviewer-metrics", Groups.REVIEWERS);
  }

  @Test
  void healthReportsEngineJobExecutorDatabaseAndMailToOperations() {
    ResponseEntity<JsonNode> anonymous = http.getForEntity("/actuator/health", JsonNode.class);
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(anonymous.getBody().has("components")).isFalse();
    JsonNode reviewersView = http.withBasicAuth("reviewer-metrics", PASSWORD).getForObject("/actuator/health", JsonNode.class);
    assertThat(reviewersView.get("status").asText()).isEqualTo("UP");
    assertThat(reviewersView.has("components")).as("details for a reviewer").isFalse();

    JsonNode health = http.withBasicAuth("ops-metrics", PASSWORD).getForObject("/actuator/health", JsonNode.class);
    assertThat(health.get("components").fieldNames()).toIterable()
        .contains("processEngine", "jobExecutor", "db", "calendar").doesNotContain("mail");
    assertThat(health.at("/components/processEngine/status").asText()).isEqualTo("UP");
    // the SMTP server has a group of its own, outside the aggregate status
    assertThat(health.get("groups")).extracting(JsonNode::asText).contains("mail");
    JsonNode mail = http.withBasicAuth("ops-metrics", PASSWORD).getForObject("/actuator/health/mail", JsonNode.class);
    assertThat(mail.at("/components/mail/status").asText()).isEqualTo("UP");
    assertThat(mail.at("/components/mail/details/location").asText()).contains(":");
    assertThat(http.getForObject("/actuator/health/mail", JsonNode.class).has("components"))
        .as("mail details for anyone").isFalse();

    // the calendar tells how far it reaches, and a warning fails nothing
    CalendarCoverage.Report coverage = calendarCoverage.check();
    assertThat(health.at("/components/calendar/status").asText()).isEqualTo(coverage.endsSoon() ? "WARNING" : "UP");
    assertThat(health.at("/components/calendar/details/lastCoveredDay").asText())
        .isEqualTo(coverage.lastCoveredDay().toString());
    assertThat(health.get("status").asText()).isEqualTo("UP");

    JsonNode readiness = http.getForObject("/actuator/health/readiness", JsonNode.class);
    assertThat(readiness.get("status").asText()).isEqualTo("UP");
  }

  @Test
  void metricsAreForOperationsOnly() {
    assertThat(http.getForEntity("/actuator/prometheus", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.withBasicAuth("reviewer-metrics", PASSWORD).getForEntity("/actuator/prometheus", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.withBasicAuth("ops-metrics", PASSWORD).getForEntity("/actuator/prometheus", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void anApplicationShowsAsAStartedInstanceAndAnOpenReviewTask() {
    double startedBefore = sample("onboarding_process_instances_started_total{", "process=\"publisherOnboarding\"");
    // the gauges are read from the database on a schedule: read them now, not as they were at the last refresh
    workloadGauges.refresh();
    double openBefore = sample("onboarding_tasks_open{", "task=\"reviewApplication\"");

    assertThat(http.postForEntity("/api/applications", ApplicationFixtures.unique("metrics@isv.example.cn"),
        JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    workloadGauges.refresh();

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
        sample("onboarding_process_instances_started_total{", "process=\"publisherOnboarding\"")).isEqualTo(startedBefore + 1));
    assertThat(sample("onboarding_tasks_open{", "task=\"reviewApplication\"")).isEqualTo(openBefore + 1);
    assertThat(scrape()).contains("onboarding_stage_duration_seconds_count{", "activity=\"checkApplication\"")
        .contains("onboarding_tasks_overdue{").contains("onboarding_process_instances_running{");
  }

  @Test
  void operatorsSeeTheCalendarRunningOutInCockpitUntilTheNextYearIsAdded() {
    CalendarCoverage.Report endsSoon = new CalendarCoverage.Report(LocalDate.of(2026, 12, 1),
        LocalDate.of(2027, 3, 1), LocalDate.of(2026, 12, 31), LocalDate.of(2026, 12, 31));
    CalendarCoverage.Report covered = new CalendarCoverage.Report(LocalDate.of(2026, 6, 1),
        LocalDate.of(2026, 8, 30), LocalDate.of(2026, 12, 31), LocalDate.of(2026, 12, 31));
    try {
      calendarCoverageAlert.update(endsSoon);
      calendarCoverageAlert.update(endsSoon);
      // what Cockpit shows an operator comes from the engine's REST API, with the operator's rights
      JsonNode instances = http.withBasicAuth("ops-metrics", PASSWORD).getForObject(
          "/engine-rest/process-instance?processDefinitionKey=calendarCoverage&maxResults=10", JsonNode.class);
      assertThat(instances).hasSize(1);
      String id = instances.get(0).get("id").asText();
      JsonNode lastCoveredDay = http.withBasicAuth("ops-metrics", PASSWORD).getForObject(
          "/engine-rest/process-instance/" + id + "/variables/lastCoveredDay", JsonNode.class);
      assertThat(lastCoveredDay.get("value").asText()).isEqualTo("2026-12-31");
      JsonNode activity = http.withBasicAuth("ops-metrics", PASSWORD).getForObject(
          "/engine-rest/process-instance/" + id + "/activity-instances", JsonNode.class);
      assertThat(activity.at("/childActivityInstances/0/activityName").asText()).contains("Add the next year");

      calendarCoverageAlert.update(covered);
      assertThat(http.withBasicAuth("ops-metrics", PASSWORD).getForObject(
          "/engine-rest/process-instance?processDefinitionKey=calendarCoverage&maxResults=10", JsonNode.class)).isEmpty();
    } finally {
      calendarCoverageAlert.update(calendarCoverage.check());
    }
  }

  /** The value of the first sample of {@code metric} whose labels contain {@code label}; 0 when there is none. */
  private double sample(String metric, String label) {
    return scrape().lines().filter(line -> line.startsWith(metric) && line.contains(label)).findFirst()
        .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).orElse(0.0);
  }

  private String scrape() {
    return http.withBasicAuth("ops-metrics", PASSWORD).getForObject("/actuator/prometheus", String.class);
  }

  private void user(String id, String group) {
    if (identityService.createUserQuery().userId(id).count() == 0) {
      User user = identityService.newUser(id);
      user.setPassword(PASSWORD);
      identityService.saveUser(user);
      identityService.createMembership(id, group);
    }
  }
}
