package cn.marketplace.onboarding.engine;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Check-then-create work that nodes sharing one database must not do at the same moment (two
 * nodes starting together would both find a group missing and both insert it). The work runs in
 * one transaction holding a row lock in {@code cluster_lock}; engine calls inside it join that
 * transaction, so the next node sees everything the first created.
 */
@Component
public class ClusterLock {

  public static final String ENGINE_SETUP = "engine-setup";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;

  ClusterLock(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactionManager);
  }

  public void runExclusively(String lockName, Runnable work) {
    transaction.executeWithoutResult(status -> {
      jdbc.queryForObject("select name from cluster_lock where name = ? for update", String.class, lockName);
      work.run();
    });
  }
}
