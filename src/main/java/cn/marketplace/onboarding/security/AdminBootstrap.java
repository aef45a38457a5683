package cn.marketplace.onboarding.security;

import cn.marketplace.onboarding.engine.ClusterLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Makes sure an administrator exists. When {@code camunda.bpm.admin-user.*} configured none and no
 * one is in {@code camunda-admin} yet, creates {@code admin} with a random password written to a
 * file only the owner can read (the way Jenkins hands over its first password), never to the log.
 */
@Component
class AdminBootstrap {

  private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
  static final String ADMIN_ID = "admin";

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final StrongPasswords passwords;
  private final ClusterLock clusterLock;
  private final Path passwordFile;

  AdminBootstrap(IdentityService identityService, AuthorizationService authorizationService, StrongPasswords passwords,
      ClusterLock clusterLock,
      @Value("${onboarding.admin.initial-password-file:data/initial-admin-password}") Path passwordFile) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
    this.passwords = passwords;
    this.clusterLock = clusterLock;
    this.passwordFile = passwordFile;
  }

  /** Of nodes starting together on an empty database, the first creates the administrator and writes the file. */
  @EventListener(ApplicationReadyEvent.class)
  @Order(2)
  public void ensureAdministrator() {
    clusterLock.runExclusively(ClusterLock.ENGINE_SETUP, this::createAdministratorIfNone);
  }

  private void createAdministratorIfNone() {
    if (identityService.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count() > 0) {
      return;
    }
    if (identityService.createGroupQuery().groupId(Groups.CAMUNDA_ADMIN).count() == 0) {
      Group group = identityService.newGroup(Groups.CAMUNDA_ADMIN);
      group.setName("Camunda Administrators");
      group.setType(Groups.GROUP_TYPE_SYSTEM);
      identityService.saveGroup(group);
    }
    for (Resources resource : Resources.values()) {
      if (authorizationService.createAuthorizationQuery().groupIdIn(Groups.CAMUNDA_ADMIN)
          .resourceType(resource).resourceId("*").count() == 0) {
        Authorization all = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        all.setGroupId(Groups.CAMUNDA_ADMIN);
        all.setResource(resource);
        all.setResourceId("*");
        all.addPermission(Permissions.ALL);
        authorizationService.saveAuthorization(all);
      }
    }
    String password = passwords.next();
    User admin = identityService.newUser(ADMIN_ID);
    admin.setFirstName("Administrator");
    admin.setLastName("Marketplace");
    admin.setPassword(password);
    identityService.saveUser(admin);
    identityService.createMembership(ADMIN_ID, Groups.CAMUNDA_ADMIN);
    writeOwnerOnly(password);
    log.warn("Created administrator '{}'; its initial password is in {} (readable by this user only). "
        + "Change it in Admin, or configure camunda.bpm.admin-user.*", ADMIN_ID, passwordFile.toAbsolutePath());
  }

  private void writeOwnerOnly(String password) {
    try {
      Files.createDirectories(passwordFile.toAbsolutePath().getParent());
      Files.deleteIfExists(passwordFile);
      Files.createFile(passwordFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(passwordFile, password + System.lineSeparator(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the initial admin password file " + passwordFile, e);
    }
  }
}
