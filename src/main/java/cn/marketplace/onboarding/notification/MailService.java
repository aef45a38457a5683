package cn.marketplace.onboarding.notification;

import cn.marketplace.onboarding.engine.EngineClock;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends templated mails at most once per idempotency key: the key is recorded in the same
 * transaction as the step that sends, so a retried step finds it and sends nothing again.
 * Logs name the template and the key, never the content (an initial password travels here).
 */
@Service
public class MailService {

  private static final Logger log = LoggerFactory.getLogger(MailService.class);

  private final JavaMailSender sender;
  private final MailTemplates templates;
  private final SentMailRepository sentMails;
  private final MailProperties properties;
  private final EngineClock clock;

  MailService(JavaMailSender sender, MailTemplates templates, SentMailRepository sentMails, MailProperties properties,
      EngineClock clock) {
    this.sender = sender;
    this.templates = templates;
    this.sentMails = sentMails;
    this.properties = properties;
    this.clock = clock;
  }

  public boolean alreadySent(String idempotencyKey) {
    return sentMails.existsById(idempotencyKey);
  }

  /** Sends unless {@code idempotencyKey} was sent before; true when a mail went out now. */
  @Transactional
  public boolean send(String idempotencyKey, String template, String language, Collection<String> recipients,
      Map<String, ?> model) {
    if (alreadySent(idempotencyKey)) {
      log.info("Mail {} for {} was sent before; not sending again", template, idempotencyKey);
      return false;
    }
    if (recipients.isEmpty()) {
      log.warn("Mail {} for {} has no recipient", template, idempotencyKey);
      return false;
    }
    MailTemplate mail = templates.render(template, language, model);
    MimeMessage message = sender.createMimeMessage();
    try {
      MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
      helper.setFrom(properties.from());
      helper.setTo(recipients.toArray(String[]::new));
      helper.setSubject(mail.subject());
      helper.setText(mail.body(), false);
      message.setHeader("X-Onboarding-Key", idempotencyKey);
    } catch (MessagingException e) {
      throw new MailPreparationException("cannot prepare mail " + template, e);
    }
    sender.send(message);
    sentMails.save(new SentMail(idempotencyKey, template, recipients.size(), clock.now()));
    log.info("Mail {} sent to {} recipient(s) for {}", template, recipients.size(), idempotencyKey);
    return true;
  }
}
