package cn.marketplace.onboarding.testsupport;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/** Staff users for tests, each in one group, with an address for the group's mails; made once per engine. */
public final class StaffUsers {

  private StaffUsers() {}

  public static void ensure(IdentityService identityService, String userId, String group, String password) {
    if (identityService.createUserQuery().userId(userId).count() == 0) {
      User user = identityService.newUser(userId);
      user.setEmail(emailOf(userId));
      user.setPassword(password);
      identityService.saveUser(user);
      identityService.createMembership(userId, group);
    }
  }

  /** A user with this password in these groups, the groups made when missing; made once per engine. */
  public static void ensureInGroups(IdentityService identityService, String userId, String password, String... groups) {
    if (identityService.createUserQuery().userId(userId).count() > 0) {
      return;
    }
    User user = identityService.newUser(userId);
    user.setPassword(password);
    identityService.saveUser(user);
    for (String group : groups) {
      if (identityService.createGroupQuery().groupId(group).count() == 0) {
        identityService.saveGroup(identityService.newGroup(group));
      }
      identityService.createMembership(userId, group);
    }
  }

  public static String emailOf(String userId) {
    return userId + "@staff.example.cn";
  }
}
