package cn.marketplace.onboarding.account;

import cn.marketplace.onboarding.engine.ClusterLock;
import cn.marketplace.onboarding.engine.TasklistFilters;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Moves an installation from the one "My tasks" all publishers shared to one per publisher, once: at
 * start-up, while the shared filter exists, every publisher of our records gets its own (those issued
 * since keep theirs), then the shared one is deleted with its grants. All in one transaction under the
 * engine set-up lock, after the shared filters are in place; a start with nothing to move asks one query.
 */
@Component
public class PublisherTaskLists {

  private static final Logger log = LoggerFactory.getLogger(PublisherTaskLists.class);

  private final PublisherRepository publishers;
  private final TasklistFilters tasklistFilters;
  private final ClusterLock clusterLock;

  PublisherTaskLists(PublisherRepository publishers, TasklistFilters tasklistFilters, ClusterLock clusterLock) {
    this.publishers = publishers;
    this.tasklistFilters = tasklistFilters;
    this.clusterLock = clusterLock;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(5)
  public void replaceSharedMyTasks() {
    clusterLock.runExclusively(ClusterLock.ENGINE_SETUP, () -> {
      Optional<String> shared = tasklistFilters.sharedMyTasks();
      if (shared.isEmpty()) {
        return;
      }
      int created = 0;
      for (String publisherId : publishers.findAllIds()) {
        if (tasklistFilters.ensureMyTasks(Publisher.groupOf(publisherId))) {
          created++;
        }
      }
      tasklistFilters.delete(shared.get());
      log.info("The shared \"My tasks\" filter is replaced by each publisher's own: {} filters created", created);
    });
  }
}
