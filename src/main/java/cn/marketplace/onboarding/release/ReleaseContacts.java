package cn.marketplace.onboarding.release;

import cn.marketplace.onboarding.account.PublisherRepository;
import cn.marketplace.onboarding.notification.ProcessContacts;
import cn.marketplace.onboarding.process.OfferReleaseProcess;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Release mails go to the contact of the publisher whose release is linked to the instance. */
@Component
class ReleaseContacts implements ProcessContacts {

  private final PublisherRepository publishers;

  ReleaseContacts(PublisherRepository publishers) {
    this.publishers = publishers;
  }

  @Override
  public String processKey() {
    return OfferReleaseProcess.KEY;
  }

  @Override
  public Optional<Contact> contactOf(String processInstanceId) {
    return publishers.findByReleaseInstance(processInstanceId)
        .map(publisher -> new Contact(publisher.getContactEmail(), publisher.getLanguage()));
  }
}
