package cn.marketplace.onboarding.testsupport.web;

import cn.marketplace.onboarding.engine.Groups;
import java.util.Arrays;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** Signed-in callers as our API sees them: a user and its Camunda groups as {@code GROUP_} authorities. */
public final class Callers {

  private Callers() {}

  public static Authentication user(String userId, String... groups) {
    return UsernamePasswordAuthenticationToken.authenticated(userId, null,
        Arrays.stream(groups).map(group -> new SimpleGrantedAuthority("GROUP_" + group)).toList());
  }

  /** A user of publisher {@code publisherId}: its {@code isv-} group and {@code publishers}. */
  public static Authentication publisher(String publisherId) {
    return user(publisherId, Groups.PUBLISHERS, Groups.PUBLISHER_PREFIX + publisherId);
  }

  public static Authentication support(String userId) {
    return user(userId, Groups.SUPPORT);
  }
}
