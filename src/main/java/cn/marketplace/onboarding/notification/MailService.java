package cn.marketplace.onboarding.notification;

import cn.marketplace.onboarding.engine.EngineClock;
import jakarta.activation.FileTypeMap;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.ConfigurableMimeFileTypeMap;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends templated mails once per idempotency key, as far as SMTP and a database allow.
 *
 * <p>The key is written to {@code sent_mail} in the transaction of the step that sends (a
 * retried step finds it committed and sends nothing), and the mail itself leaves only when
 * everything else of that transaction has been written: just before the commit. So a step that
 * fails anywhere (a delegate after the mail, an optimistic-locking conflict at the engine's flush,
 * a crash) has sent nothing and is retried whole; what the mail tells (an account and its initial
 * password) commits together with the key. A second node running the same step at the same time
 * waits on the key's row and then fails. The one window left is the commit itself: a node that dies
 * after the SMTP server accepted the mail and before the database confirmed the commit sends it
 * again on retry, with the same {@code Message-ID}, which mail clients show once.
 *
 * <p>Logs name the template and the key, never the content (an initial password travels here).
 */
@Service
public class MailService {

  private static final Logger log = LoggerFactory.getLogger(MailService.class);
  /** The idempotency key, in every mail: operators and tests match mails to steps with it. */
  public static final String KEY_HEADER = "X-Onboarding-Key";
  /**
   * The helper's MIME types for attachments, read once: for a message that no {@code JavaMailSenderImpl}
   * created (ours carry a derived Message-ID), the helper would otherwise read the mime.types files
   * from the classpath for every mail.
   */
  private static final FileTypeMap FILE_TYPES = fileTypes();

  static {
    // Jakarta Mail 2.1 looks up its StreamProvider for every encoded header and body it writes, through a
    // ServiceLoader that opens each jar on the class path (jakartaee/mail-api#861): a Chinese subject cost
    // more than the rest of a mail. Its factory finder takes the provider's class from this property first.
    if (System.getProperty(StreamProvider.class.getName()) == null) {
      System.setProperty(StreamProvider.class.getName(), MailStreamProvider.class.getName());
    }
  }

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

  /**
   * Sends unless {@code idempotencyKey} was sent before; true when the mail goes out with this
   * transaction (at once when there is none).
   */
  @Transactional
  public boolean send(String idempotencyKey, String template, String language, Collection<String> recipients,
      Map<String, ?> model) {
    if (recipients.isEmpty()) {
      log.warn("Mail {} for {} has no recipient", template, idempotencyKey);
      return false;
    }
    if (!sentMails.claim(idempotencyKey, template, recipients.size(), clock.now())) {
      log.info("Mail {} for {} was sent before; not sending again", template, idempotencyKey);
      return false;
    }
    MimeMessage message = prepare(idempotencyKey, templates.render(template, language, model), recipients);
    Runnable sendNow = () -> {
      sender.send(message);
      log.info("Mail {} sent to {} recipient(s) for {}", template, recipients.size(), idempotencyKey);
    };
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new SendBeforeCommit(sendNow));
    } else {
      sendNow.run();
    }
    return true;
  }

  private MimeMessage prepare(String idempotencyKey, MailTemplate mail, Collection<String> recipients) {
    MimeMessage message = new KeyedMimeMessage(sender.createMimeMessage(), idempotencyKey);
    try {
      MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name()) {
        @Override
        protected FileTypeMap getDefaultFileTypeMap(MimeMessage mimeMessage) {
          return FILE_TYPES;
        }
      };
      helper.setFrom(properties.from());
      helper.setTo(recipients.toArray(String[]::new));
      helper.setSubject(mail.subject());
      helper.setText(mail.body(), false);
      message.setHeader(KEY_HEADER, idempotencyKey);
    } catch (MessagingException e) {
      throw new MailPreparationException("cannot prepare mail " + mail.subject(), e);
    }
    return message;
  }

  private static FileTypeMap fileTypes() {
    ConfigurableMimeFileTypeMap fileTypes = new ConfigurableMimeFileTypeMap();
    fileTypes.afterPropertiesSet();
    return fileTypes;
  }

  /**
   * Sends after the engine's flush (our repositories write at each {@code save}), so the mail leaves
   * only once every statement of the step has succeeded.
   */
  private final class SendBeforeCommit implements TransactionSynchronization {

    private final Runnable send;

    SendBeforeCommit(Runnable send) {
      this.send = send;
    }

    @Override
    public void beforeCommit(boolean readOnly) {
      send.run();
    }

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE;
    }
  }

  /** A message whose {@code Message-ID} is derived from its key, so a resent duplicate is recognisable as one. */
  private static final class KeyedMimeMessage extends MimeMessage {

    private final String messageId;

    KeyedMimeMessage(MimeMessage source, String idempotencyKey) {
      super(source.getSession());
      this.messageId = "<" + UUID.nameUUIDFromBytes(idempotencyKey.getBytes(StandardCharsets.UTF_8))
          + "@marketplace-onboarding>";
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
