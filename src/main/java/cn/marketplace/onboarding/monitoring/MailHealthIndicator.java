package cn.marketplace.onboarding.monitoring;

import jakarta.mail.MessagingException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * {@code mail}: whether the SMTP server takes a connection, in its own health group
 * ({@code /actuator/health/mail}) and outside the aggregate status ({@link MonitoringConfiguration}):
 * mails are sent by retried jobs that become incidents, so an SMTP outage takes no node out of a
 * load balancer. It logs one line when the state changes (down, up again), never a stack trace per
 * poll. Replaces Spring Boot's mail health check ({@code management.health.mail.enabled: false}).
 */
@Component("mailHealthIndicator")
class MailHealthIndicator implements HealthIndicator {

  private static final Logger log = LoggerFactory.getLogger(MailHealthIndicator.class);

  private final ObjectProvider<JavaMailSenderImpl> mailSender;
  private final AtomicReference<Status> lastStatus = new AtomicReference<>();

  MailHealthIndicator(ObjectProvider<JavaMailSenderImpl> mailSender) {
    this.mailSender = mailSender;
  }

  @Override
  public Health health() {
    JavaMailSenderImpl sender = mailSender.getIfAvailable();
    if (sender == null) {
      return Health.unknown().withDetail("reason", "no SMTP server configured (spring.mail.host)").build();
    }
    String location = sender.getHost() + ":" + sender.getPort();
    Health health;
    try {
      sender.testConnection();
      health = Health.up().withDetail("location", location).build();
    } catch (MessagingException | RuntimeException e) {
      health = Health.down().withDetail("location", location).withDetail("error", describe(e)).build();
    }
    Status previous = lastStatus.getAndSet(health.getStatus());
    if (!health.getStatus().equals(previous)) {
      if (Status.DOWN.equals(health.getStatus())) {
        log.warn("Mail server {} is DOWN: {}", location, health.getDetails().get("error"));
      } else if (previous != null) {
        log.info("Mail server {} is {} again", location, health.getStatus());
      }
    }
    return health;
  }

  /** The exception and its innermost cause in one line: no stack trace, no credentials. */
  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = e.getClass().getSimpleName() + ": " + e.getMessage();
    return root == e ? text : text + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
  }
}
