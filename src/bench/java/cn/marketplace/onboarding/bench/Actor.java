package cn.marketplace.onboarding.bench;

import cn.marketplace.onboarding.account.Publisher;
import cn.marketplace.onboarding.engine.Groups;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;

/** A person the benchmark plays: a user and the groups the engine's authorization checks see. */
record Actor(String userId, List<String> groups) {

  static final Actor REVIEWER = new Actor("bench-reviewer", List.of(Groups.REVIEWERS));
  static final Actor ACCOUNT_MANAGER = new Actor("bench-manager", List.of(Groups.ACCOUNT_MANAGERS));
  static final Actor SUPPORT = new Actor("bench-support", List.of(Groups.SUPPORT));
  static final Actor OPERATOR = new Actor("bench-operator", List.of(Groups.OPERATIONS));

  /** The publisher's own user (its login is the publisher ID). */
  static Actor isv(String publisherId) {
    return new Actor(publisherId, List.of(Groups.PUBLISHERS, Publisher.groupOf(publisherId)));
  }

  /** Runs {@code work} signed in as this person, as Tasklist or the REST API would. */
  <T> T act(IdentityService identityService, Supplier<T> work) {
    identityService.setAuthentication(userId, groups);
    try {
      return work.get();
    } finally {
      identityService.clearAuthentication();
    }
  }
}
