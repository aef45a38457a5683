package cn.marketplace.onboarding.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * One line per failed sign-in, on our API and the engine REST API alike: who tried, from where, and
 * never what password. Operations alert on the logger {@code security.authentication}.
 */
@Component
public class AuthenticationFailureLog {

  private static final Logger log = LoggerFactory.getLogger("security.authentication");

  @EventListener
  void onApiFailure(AbstractAuthenticationFailureEvent event) {
    Object details = event.getAuthentication().getDetails();
    String remoteAddress = details instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : "unknown";
    failed("api", event.getAuthentication().getName(), remoteAddress);
  }

  /** {@code surface}: where the attempt came in; {@code userId} as the client sent it. */
  public static void failed(String surface, String userId, String remoteAddress) {
    log.warn("Authentication failed on {} for user '{}' from {}", surface, printable(userId), remoteAddress);
  }

  /** A user id is the client's text: keep the log line one line, and short. */
  static String printable(String userId) {
    if (userId == null) {
      return "";
    }
    String clean = userId.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > 64 ? clean.substring(0, 64) + "..." : clean;
  }
}
