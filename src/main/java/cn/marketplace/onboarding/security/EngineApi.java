package cn.marketplace.onboarding.security;

/**
 * The APIs that reach the engine. The engine REST API and the webapps' engine API serve the same
 * resources, so one allow-list entry covers both; the other four are the webapps' own APIs.
 */
enum EngineApi {
  /** The engine's resources: {@code /engine-rest/...}, {@code /engine-rest/engine/{name}/...}, {@code /camunda/api/engine/engine/{name}/...}. */
  ENGINE,
  /** {@code /camunda/api/cockpit/...} */
  COCKPIT,
  /** {@code /camunda/api/tasklist/...} */
  TASKLIST,
  /** {@code /camunda/api/admin/...}, the webapps' sign-in included */
  ADMIN,
  /** {@code /camunda/api/welcome/...} */
  WELCOME
}
