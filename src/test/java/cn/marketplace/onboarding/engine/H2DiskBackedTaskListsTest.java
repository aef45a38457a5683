package cn.marketplace.onboarding.engine;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.application.ApplicationFixtures;
import cn.marketplace.onboarding.application.ApplicationService;
import cn.marketplace.onboarding.testsupport.OnboardingSpringTest;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A reviewer's "Applications to review" on the H2 file database when the list's rows outgrow H2's
 * in-memory results, as 100,000 open tasks do under the default {@code MAX_MEMORY_ROWS}: H2 then keeps
 * the result on disk. Tasklist lists a filter (itself sorted by due date) with its own sort by due date
 * ({@code POST /filter/{id}/list}, which is {@link FilterService#listPage} with that extending query),
 * so the statement orders by one column twice, and H2 2.3.232 lost columns of such a disk-backed
 * result and failed the request. A small {@code MAX_MEMORY_ROWS} brings a few tasks to the same place.
 * Not over HTTP: this context has a database of its own, and its engine must not take the name the
 * engine REST API of the suite's other contexts resolves.
 */
@OnboardingSpringTest
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:file:./target/h2-disk-backed/${random.uuid}"
    + ";MAX_MEMORY_ROWS=4;DB_CLOSE_ON_EXIT=FALSE")
@DisabledIfSystemProperty(named = "test.database", matches = "postgres",
    disabledReason = "H2's own limit: the suite's PostgreSQL pass has no H2 file database")
class H2DiskBackedTaskListsTest {

  @Autowired ApplicationService applications;
  @Autowired IdentityService identityService;
  @Autowired FilterService filterService;
  @Autowired TaskService taskService;

  @Test
  void aFilterSortedAgainByDueDateListsItsFirstPageWhenH2KeepsTheResultOnDisk() {
    for (int i = 0; i < 12; i++) {
      applications.submit(ApplicationFixtures.unique("disk-backed-" + UUID.randomUUID() + "@example.cn"));
    }
    String filterId = filterService.createFilterQuery().filterName(TasklistFilters.APPLICATIONS_TO_REVIEW)
        .singleResult().getId();

    List<Task> page;
    identityService.setAuthentication("disk-backed-reviewer", List.of(Groups.REVIEWERS));
    try {
      page = filterService.listPage(filterId, taskService.createTaskQuery().orderByDueDate().asc(), 0, 10);
    } finally {
      identityService.clearAuthentication();
    }

    assertThat(page).hasSize(10);
    assertThat(page).allSatisfy(task -> {
      assertThat(task.getTaskDefinitionKey()).isEqualTo("reviewApplication");
      assertThat(task.getProcessInstanceId()).isNotBlank();
      assertThat(task.getDueDate()).isNotNull();
    });
    assertThat(page.stream().map(Task::getDueDate).map(Date::getTime).toList()).isSorted();
  }
}
