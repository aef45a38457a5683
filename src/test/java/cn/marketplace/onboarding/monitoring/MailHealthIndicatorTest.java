package cn.marketplace.onboarding.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The SMTP check against a real SMTP server (GreenMail) that is down, then up: DOWN with the
 * reason in the details, and one log line per change of state, without a stack trace, however
 * often it is polled.
 */
class MailHealthIndicatorTest {

  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(MailHealthIndicator.class);

  @BeforeEach
  void listen() {
    logged.start();
    logger.addAppender(logged);
  }

  @AfterEach
  void stopListening() {
    logger.detachAppender(logged);
  }

  @Test
  void downThenUpLogsOneLineEachWithoutAStackTrace() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(port);
    sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
    StaticListableBeanFactory beans = new StaticListableBeanFactory();
    beans.addBean("mailSender", sender);
    MailHealthIndicator mail = new MailHealthIndicator(beans.getBeanProvider(JavaMailSenderImpl.class));

    for (int poll = 0; poll < 3; poll++) {
      Health health = mail.health();
      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat(health.getDetails().get("error").toString()).isNotBlank();
    }
    assertThat(logged.list).hasSize(1);
    assertThat(logged.list.get(0).getFormattedMessage()).contains("DOWN").contains("127.0.0.1:" + port);
    assertThat(logged.list.get(0).getThrowableProxy()).isNull();

    GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try {
      for (int poll = 0; poll < 3; poll++) {
        assertThat(mail.health().getStatus()).isEqualTo(Status.UP);
      }
    } finally {
      smtp.stop();
    }
    assertThat(logged.list).hasSize(2);
    assertThat(logged.list.get(1).getFormattedMessage()).contains("UP again");
  }
}
