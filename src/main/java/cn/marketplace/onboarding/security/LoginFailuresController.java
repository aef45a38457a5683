package cn.marketplace.onboarding.security;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who is being targeted by password guessing, and from where: administrators only ({@code ApiSecurity}). */
@RestController
class LoginFailuresController {

  private final LoginThrottle throttle;

  LoginFailuresController(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @GetMapping("/api/security/login-failures")
  LoginFailures loginFailures() {
    return throttle.recentFailures();
  }
}
