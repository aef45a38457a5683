package cn.marketplace.onboarding.engine;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;

/** The authorizations a test creates, deleted again by {@link #deleteAll} (each test shares the engine). */
final class CreatedGrants {

  private final AuthorizationService authorizations;
  private final List<String> ids = new ArrayList<>();

  CreatedGrants(AuthorizationService authorizations) {
    this.authorizations = authorizations;
  }

  /** Grants {@code permission} on a resource to a user or (user null) a group. */
  void grant(String user, String group, Resource resource, String resourceId, Permission permission) {
    Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setUserId(user);
    grant.setGroupId(group);
    grant.setResource(resource);
    grant.setResourceId(resourceId);
    grant.addPermission(permission);
    save(grant);
  }

  /** Saves an authorization the test built (a revoke, say). */
  void save(Authorization authorization) {
    ids.add(authorizations.saveAuthorization(authorization).getId());
  }

  void deleteAll() {
    ids.forEach(authorizations::deleteAuthorization);
    ids.clear();
  }
}
