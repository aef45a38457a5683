package cn.marketplace.onboarding.security;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who calls: the Camunda groups of an API caller, from the {@code GROUP_<groupId>} authorities of its
 * sign-in, and the user whose command runs a step. What the groups mean is {@code engine/Groups}'s.
 */
public final class Caller {

  private static final String PREFIX = "GROUP_";

  private Caller() {}

  /** The caller's groups; none for an anonymous caller. */
  public static List<String> groups(org.springframework.security.core.Authentication caller) {
    if (caller == null) {
      return List.of();
    }
    return caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
        .filter(authority -> authority.startsWith(PREFIX)).map(authority -> authority.substring(PREFIX.length()))
        .toList();
  }

  /** The user who completed the task before this step (Tasklist, engine REST); null for the engine itself. */
  public static String userId(DelegateExecution execution) {
    Authentication authentication = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }
}
