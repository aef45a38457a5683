package cn.marketplace.onboarding.submission;

import cn.marketplace.onboarding.account.Publisher;
import cn.marketplace.onboarding.account.PublisherRepository;
import cn.marketplace.onboarding.calendar.BusinessCalendar;
import cn.marketplace.onboarding.engine.EngineClock;
import cn.marketplace.onboarding.engine.OnboardingProperties;
import cn.marketplace.onboarding.notification.MailService;
import cn.marketplace.onboarding.security.SecretBox;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The reminder that a submission's SAS URIs run out before the ISV fixed it (SAS-3). */
@Service
public class SasExpiryReminder {

  static final String SAS_EXPIRING_MAIL = "sas-expiring";
  private static final DateTimeFormatter MAIL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");

  private final PublisherRepository publishers;
  private final SubmissionCheckRun checkRun;
  private final SecretBox secrets;
  private final MailService mails;
  private final EngineClock clock;
  private final BusinessCalendar calendar;
  private final OnboardingProperties properties;

  SasExpiryReminder(PublisherRepository publishers, SubmissionCheckRun checkRun, SecretBox secrets, MailService mails,
      EngineClock clock, BusinessCalendar calendar, OnboardingProperties properties) {
    this.publishers = publishers;
    this.checkRun = checkRun;
    this.secrets = secrets;
    this.mails = mails;
    this.clock = clock;
    this.calendar = calendar;
    this.properties = properties;
  }

  /** Mails the publisher that the SAS URIs of its submission run out soon (once per reminder step). */
  @Transactional
  public void remind(Submission submission, String idempotencyKey) {
    SubmissionForm form = submission.reveal(secrets);
    Publisher publisher = publishers.findById(submission.getPublisherId())
        .orElseThrow(() -> new IllegalStateException("no publisher " + submission.getPublisherId()));
    Instant expiry = submission.sasExpiresAt().orElse(clock.now());
    Map<String, Object> model = new HashMap<>();
    model.put("companyName", publisher.getCompanyName());
    model.put("offerId", submission.getOfferId());
    model.put("skuId", submission.getSkuId());
    model.put("version", submission.getVersion());
    model.put("expiresAt", MAIL_TIME.format(expiry.atZone(calendar.zone())));
    model.put("maskedUris", checkRun.maskedUris(form));
    model.put("baseUrl", properties.baseUrl());
    mails.send(idempotencyKey, SAS_EXPIRING_MAIL, publisher.getLanguage(), List.of(publisher.getContactEmail()),
        model);
  }
}
