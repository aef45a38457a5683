package cn.marketplace.onboarding.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.OnboardingApplication;
import cn.marketplace.onboarding.application.ApplicationFixtures;
import cn.marketplace.onboarding.application.ApplicationService;
import cn.marketplace.onboarding.testsupport.MailServer;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The default H2 file database keeps every instance, task and waiting timer across a restart of
 * the product: the application is closed and started again on the same file.
 */
class H2FileRestartTest {

  @TempDir Path data;

  @Test
  void aRestartOnTheH2FileDatabaseKeepsInstancesTasksAndTimers() {
    List<String> instances;
    List<String> tasks;
    List<String> timers;
    try (ConfigurableApplicationContext first = start()) {
      ApplicationService applications = first.getBean(ApplicationService.class);
      for (int i = 0; i < 2; i++) {
        applications.submit(ApplicationFixtures.unique("restart-" + UUID.randomUUID() + "@example.cn"));
      }
      instances = instanceIds(first);
      tasks = taskIds(first);
      timers = timerIds(first);
      assertThat(instances).hasSize(2);
      assertThat(tasks).hasSize(2);
      assertThat(timers).as("review overdue timers").hasSize(2);
    }
    try (ConfigurableApplicationContext second = start()) {
      assertThat(instanceIds(second)).isEqualTo(instances);
      assertThat(taskIds(second)).isEqualTo(tasks);
      assertThat(timerIds(second)).isEqualTo(timers);
      assertThat(second.getBean(TaskService.class).createTaskQuery().taskDefinitionKey("reviewApplication").count())
          .isEqualTo(2);
    }
  }

  private ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(OnboardingApplication.class)
        .profiles("test")
        // arguments, as an operator would pass them: they outrank the test profile's in-memory database
        .run("--spring.datasource.url=jdbc:h2:file:" + data.resolve("onboarding") + ";DB_CLOSE_ON_EXIT=FALSE",
            "--server.port=0",
            "--spring.mail.host=127.0.0.1",
            "--spring.mail.port=" + MailServer.port(),
            "--onboarding.admin.initial-password-file=" + data.resolve("initial-admin-password"));
  }

  private static List<String> instanceIds(ConfigurableApplicationContext context) {
    return context.getBean(RuntimeService.class).createProcessInstanceQuery().orderByProcessInstanceId().asc().list()
        .stream().map(instance -> instance.getId()).toList();
  }

  private static List<String> taskIds(ConfigurableApplicationContext context) {
    return context.getBean(TaskService.class).createTaskQuery().orderByTaskId().asc().list().stream()
        .map(Task::getId).toList();
  }

  private static List<String> timerIds(ConfigurableApplicationContext context) {
    return context.getBean(ManagementService.class).createJobQuery().timers().orderByJobId().asc().list().stream()
        .map(Job::getId).toList();
  }
}
