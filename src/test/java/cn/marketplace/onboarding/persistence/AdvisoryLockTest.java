package cn.marketplace.onboarding.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.testsupport.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Two nodes' work under the same advisory lock of one PostgreSQL database runs one after the other, as
 * two nodes starting together on an empty database migrate it; on H2, which no two nodes share, it just runs.
 */
class AdvisoryLockTest {

  private static final long KEY = 42;

  private PostgresServer.Database database;

  @BeforeEach
  void database() {
    database = PostgresServer.createDatabase("advisory_lock");
  }

  @AfterEach
  void drop() throws Exception {
    if (database != null) {
      database.drop();
    }
  }

  @Test
  void aSecondNodeWaitsUntilTheFirstHasDone() throws Exception {
    DriverManagerDataSource node1 = new DriverManagerDataSource(database.url(), database.user(), database.password());
    DriverManagerDataSource node2 = new DriverManagerDataSource(database.url(), database.user(), database.password());
    List<String> steps = new CopyOnWriteArrayList<>();
    CountDownLatch firstHoldsTheLock = new CountDownLatch(1);
    CountDownLatch secondAsked = new CountDownLatch(1);
    ExecutorService nodes = Executors.newFixedThreadPool(2);
    try {
      Future<?> first = nodes.submit(() -> AdvisoryLock.runExclusively(node1, KEY, "the first node's work", () -> {
        steps.add("first starts");
        firstHoldsTheLock.countDown();
        await(secondAsked);
        awaitASessionWaitingForTheLock();
        steps.add("first ends");
      }));
      await(firstHoldsTheLock);
      Future<?> second = nodes.submit(() -> {
        secondAsked.countDown();
        AdvisoryLock.runExclusively(node2, KEY, "the second node's work", () -> steps.add("second runs"));
      });
      first.get(30, TimeUnit.SECONDS);
      second.get(30, TimeUnit.SECONDS);
    } finally {
      nodes.shutdownNow();
    }

    assertThat(steps).containsExactly("first starts", "first ends", "second runs");
  }

  @Test
  void onH2TheWorkJustRuns() {
    List<String> steps = new CopyOnWriteArrayList<>();

    AdvisoryLock.runExclusively(new DriverManagerDataSource("jdbc:h2:mem:advisory", "sa", ""), KEY,
        "the work", () -> steps.add("ran"));

    assertThat(steps).containsExactly("ran");
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Until PostgreSQL shows another session waiting for an advisory lock: the second node, blocked. */
  private void awaitASessionWaitingForTheLock() {
    try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
      for (int i = 0; i < 300; i++) {
        try (ResultSet waiting = statement.executeQuery(
            "select count(*) from pg_locks where locktype = 'advisory' and not granted")) {
          waiting.next();
          if (waiting.getInt(1) > 0) {
            return;
          }
        }
        Thread.sleep(100);
      }
      throw new AssertionError("the second node never waited for the lock");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
