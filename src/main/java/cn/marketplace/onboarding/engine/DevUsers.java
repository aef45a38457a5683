package cn.marketplace.onboarding.engine;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo staff for the {@code dev} profile only: one user per staff role, all with the password
 * given in {@code onboarding.dev-users.password} (no default: the profile refuses to start without it).
 */
@Component
@Profile("dev")
class DevUsers {

  private static final String[][] USERS = {
      {"reviewer", "Rita", "Reviewer", Groups.REVIEWERS},
      {"manager", "Max", "Manager", Groups.ACCOUNT_MANAGERS},
      {"support", "Sam", "Support", Groups.SUPPORT},
      {"ops", "Olga", "Operations", Groups.OPERATIONS}};

  private final IdentityService identityService;
  private final String password;

  DevUsers(IdentityService identityService, @Value("${onboarding.dev-users.password}") String devUsersPassword) {
    this.identityService = identityService;
    this.password = devUsersPassword;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(3)
  public void seed() {
    for (String[] spec : USERS) {
      if (identityService.createUserQuery().userId(spec[0]).count() == 0) {
        User user = identityService.newUser(spec[0]);
        user.setFirstName(spec[1]);
        user.setLastName(spec[2]);
        user.setEmail(spec[0] + "@localhost");
        user.setPassword(password);
        identityService.saveUser(user);
        identityService.createMembership(spec[0], spec[3]);
      }
    }
  }
}
