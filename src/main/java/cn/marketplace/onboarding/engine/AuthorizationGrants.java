package cn.marketplace.onboarding.engine;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.springframework.stereotype.Component;

/**
 * Grants engine permissions idempotently: a grant that exists already gains the permissions it
 * lacks, and granting twice changes nothing (account issues and start-up run again after crashes).
 * Inside a delegate every service call joins the job's command, whose inserts reach the database
 * only at its end: grant each (group or user, resource, id) once per step, and leave alone what the
 * engine's default authorizations create in the same step (a new user's rights on itself).
 */
@Component
public class AuthorizationGrants {

  private final AuthorizationService authorizations;

  AuthorizationGrants(AuthorizationService authorizations) {
    this.authorizations = authorizations;
  }

  public void grantGroup(String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization existing = authorizations.createAuthorizationQuery()
        .authorizationType(Authorization.AUTH_TYPE_GRANT).groupIdIn(groupId)
        .resourceType(resource).resourceId(resourceId).singleResult();
    Authorization grant = existing != null ? existing : newGrant(resource, resourceId);
    grant.setGroupId(groupId);
    save(grant, permissions);
  }

  /**
   * The first grant of a group on a resource, for a step that created the group or the resource
   * itself (a process instance it started), so that no grant can exist yet: saved without the query
   * that {@link #grantGroup} makes first.
   */
  public void createGroupGrant(String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization grant = newGrant(resource, resourceId);
    grant.setGroupId(groupId);
    save(grant, permissions);
  }

  public void grantUser(String userId, Resource resource, String resourceId, Permission... permissions) {
    Authorization existing = authorizations.createAuthorizationQuery()
        .authorizationType(Authorization.AUTH_TYPE_GRANT).userIdIn(userId)
        .resourceType(resource).resourceId(resourceId).singleResult();
    Authorization grant = existing != null ? existing : newGrant(resource, resourceId);
    grant.setUserId(userId);
    save(grant, permissions);
  }

  private Authorization newGrant(Resource resource, String resourceId) {
    Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setResource(resource);
    grant.setResourceId(resourceId);
    return grant;
  }

  private void save(Authorization grant, Permission... permissions) {
    boolean changed = grant.getId() == null;
    for (Permission permission : permissions) {
      if (!grant.isPermissionGranted(permission)) {
        grant.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      authorizations.saveAuthorization(grant);
    }
  }
}
