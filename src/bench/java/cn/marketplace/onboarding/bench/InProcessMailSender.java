package cn.marketplace.onboarding.bench;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The benchmark's SMTP server, in process: our mail service builds each message as it would for a
 * real server, and this sender counts it instead of opening a connection.
 */
final class InProcessMailSender implements JavaMailSender {

  private final Session session = Session.getInstance(new Properties());
  private final AtomicLong sent = new AtomicLong();

  long sent() {
    return sent.get();
  }

  @Override
  public MimeMessage createMimeMessage() {
    return new MimeMessage(session);
  }

  @Override
  public MimeMessage createMimeMessage(InputStream contentStream) throws MailException {
    try {
      return new MimeMessage(session, contentStream);
    } catch (jakarta.mail.MessagingException e) {
      throw new org.springframework.mail.MailParseException(e);
    }
  }

  @Override
  public void send(MimeMessage... mimeMessages) throws MailException {
    sent.addAndGet(mimeMessages.length);
  }

  @Override
  public void send(SimpleMailMessage... simpleMessages) throws MailException {
    sent.addAndGet(simpleMessages.length);
  }
}
