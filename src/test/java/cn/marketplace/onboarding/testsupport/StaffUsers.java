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

  public static String emailOf(String userId) {
    return userId + "@staff.example.cn";
  }
}
