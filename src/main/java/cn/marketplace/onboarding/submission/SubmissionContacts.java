package cn.marketplace.onboarding.submission;

import cn.marketplace.onboarding.account.PublisherRepository;
import cn.marketplace.onboarding.notification.ProcessContacts;
import cn.marketplace.onboarding.process.ImageCertification;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Certification mails go to the contact of the publisher whose submission is linked to the instance. */
@Component
class SubmissionContacts implements ProcessContacts {

  private final PublisherRepository publishers;

  SubmissionContacts(PublisherRepository publishers) {
    this.publishers = publishers;
  }

  @Override
  public String processKey() {
    return ImageCertification.KEY;
  }

  @Override
  public Optional<Contact> contactOf(String processInstanceId) {
    return publishers.findByCertificationInstance(processInstanceId)
        .map(publisher -> new Contact(publisher.getContactEmail(), publisher.getLanguage()));
  }
}
