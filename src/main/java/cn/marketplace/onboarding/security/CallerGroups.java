package cn.marketplace.onboarding.security;

import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** The Camunda groups of an API caller, from the {@code GROUP_<groupId>} authorities of its sign-in. */
public final class CallerGroups {

  private static final String PREFIX = "GROUP_";

  private CallerGroups() {}

  /** The caller's groups; none for an anonymous caller. */
  public static List<String> of(Authentication caller) {
    if (caller == null) {
      return List.of();
    }
    return caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
        .filter(authority -> authority.startsWith(PREFIX)).map(authority -> authority.substring(PREFIX.length()))
        .toList();
  }
}
