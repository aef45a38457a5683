package cn.marketplace.onboarding.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/** Executing jobs in tests that run without the job executor. */
public final class Jobs {

  private Jobs() {}

  /**
   * Both branches of the onboarding wait before {@code joinAccountAndCall} as jobs (so a user's
   * completion never races the account job): runs them, and asserts there were two.
   */
  public static void joinAccountAndCall(ProcessEngine engine, ProcessInstance pi) {
    var joins = engine.getManagementService().createJobQuery().processInstanceId(pi.getId())
        .activityId("joinAccountAndCall").list();
    assertThat(joins).hasSize(2);
    for (Job join : joins) {
      engine.getManagementService().executeJob(join.getId());
    }
  }
}
