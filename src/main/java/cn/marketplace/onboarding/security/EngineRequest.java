package cn.marketplace.onboarding.security;

import cn.marketplace.onboarding.engine.Groups;
import java.util.List;

/**
 * A request to the engine's APIs as the gate judges it: which API, the path within it (an
 * {@link EngineApi#ENGINE} path relative to the engine), the engine it names (null when it names
 * none) and who asks.
 */
record EngineRequest(EngineApi api, String path, String engine, Caller caller) {

  /** Who is asking, as Camunda authenticated it; {@code userId} null when nobody signed in. */
  record Caller(String userId, List<String> groups) {

    static final Caller ANONYMOUS = new Caller(null, List.of());

    boolean isAdministrator() {
      return groups.contains(Groups.ADMIN);
    }

    /** Publishers and nobody else: staff who are also in {@code publishers} keep their staff lists. */
    boolean isPublisherOnly() {
      return groups.contains(Groups.PUBLISHERS) && groups.stream().noneMatch(Groups.STAFF::contains);
    }

    String name() {
      return userId == null ? "anonymous" : userId;
    }
  }
}
