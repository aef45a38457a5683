package cn.marketplace.onboarding.engine;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.application.ApplicationFixtures;
import cn.marketplace.onboarding.application.ApplicationService;
import cn.marketplace.onboarding.testsupport.OnboardingHttpTest;
import cn.marketplace.onboarding.testsupport.TasklistClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/**
 * A reviewer's "Applications to review" on the H2 file database when the list's rows outgrow H2's
 * in-memory results, as 100,000 open tasks do under the default {@code MAX_MEMORY_ROWS}: H2 then keeps
 * the result on disk. Tasklist sorts the filter (itself sorted by due date) by due date again, and
 * H2 2.3.232 lost columns of such a disk-backed result and failed the request. A small
 * {@code MAX_MEMORY_ROWS} brings a few tasks to the same place.
 */
@OnboardingHttpTest
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:file:./target/"
    + "h2-disk-backed/${random.uuid};MAX_MEMORY_ROWS=4;DB_CLOSE_ON_EXIT=FALSE")
@DisabledIfSystemProperty(named = "test.database", matches = "postgres",
    disabledReason = "H2's own limit: the suite's PostgreSQL pass has no H2 file database")
class H2DiskBackedTaskListsTest {

  private static final String PASSWORD = "DiskBacked-Passw0rd!";

  @Autowired ApplicationService applications;
  @Autowired IdentityService identityService;
  @Autowired FilterService filterService;
  @Autowired TestRestTemplate http;

  @Test
  void aFilterSortedAgainByDueDateListsItsFirstPageWhenH2KeepsTheResultOnDisk() {
    for (int i = 0; i < 12; i++) {
      applications.submit(ApplicationFixtures.unique("disk-backed-" + UUID.randomUUID() + "@example.cn"));
    }
    reviewer("disk-backed-reviewer");
    String filterId = filterService.createFilterQuery().filterName(TasklistFilters.APPLICATIONS_TO_REVIEW)
        .singleResult().getId();

    ResponseEntity<JsonNode> page = TasklistClient.engineRest(http, "disk-backed-reviewer", PASSWORD).call(
        HttpMethod.POST, "/filter/" + filterId + "/list?firstResult=0&maxResults=10",
        Map.of("sorting", List.of(Map.of("sortBy", "dueDate", "sortOrder", "asc"))));

    assertThat(page.getStatusCode().value()).as("%s", page.getBody()).isEqualTo(200);
    assertThat(page.getBody()).hasSize(10);
    for (JsonNode task : page.getBody()) {
      assertThat(task.path("taskDefinitionKey").asText()).isEqualTo("reviewApplication");
      assertThat(task.path("processInstanceId").asText()).isNotBlank();
      assertThat(task.path("due").asText()).isNotBlank();
    }
    List<String> dueDates = page.getBody().findValuesAsText("due");
    assertThat(dueDates).isSorted();
  }

  private void reviewer(String id) {
    User user = identityService.newUser(id);
    user.setPassword(PASSWORD);
    identityService.saveUser(user);
    identityService.createMembership(id, Groups.REVIEWERS);
  }
}
