package cn.marketplace.onboarding.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Spring Security's firewall, first on every path. The security filter chain applies the same
 * firewall, but after Spring's own request-path parsing, which answers a path parameter on a
 * servlet's prefix ({@code /camunda/api/cockpit;a=b/...}) with 500; here such a path is a 400 like
 * every other malformed one (encoded slashes and dots, {@code //}, {@code ..}, {@code ;}).
 */
final class FirewallFirst extends OncePerRequestFilter {

  private final HttpFirewall firewall;
  private final RequestRejectedHandler rejected = new HttpStatusRequestRejectedHandler();

  FirewallFirst(HttpFirewall firewall) {
    this.firewall = firewall;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      firewall.getFirewalledRequest(request);
    } catch (RequestRejectedException malformed) {
      rejected.handle(request, response, malformed);
      return;
    }
    chain.doFilter(request, response);
  }
}
