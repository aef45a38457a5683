package cn.marketplace.onboarding.release;

import cn.marketplace.onboarding.account.PublisherRepository;
import cn.marketplace.onboarding.process.OfferReleaseProcess;
import cn.marketplace.onboarding.notification.ProcessContacts;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Release mails go to the contact of the publisher whose release is linked to the instance. */
@Component
class ReleaseContacts implements ProcessContacts {

  private final OfferReleaseRepository releases;
  private final PublisherRepository publishers;

  ReleaseContacts(OfferReleaseRepository releases, PublisherRepository publishers) {
    this.releases = releases;
    this.publishers = publishers;
  }

  @Override
  public String processKey() {
    return OfferReleaseProcess.KEY;
  }

  @Override
  public Optional<Contact> contactOf(String processInstanceId) {
    return releases.findByProcessInstanceId(processInstanceId)
        .flatMap(release -> publishers.findById(release.getPublisherId()))
        .map(publisher -> new Contact(publisher.getContactEmail(), publisher.getLanguage()));
  }
}
