package cn.marketplace.onboarding.submission;

import cn.marketplace.onboarding.account.PublisherRepository;
import cn.marketplace.onboarding.process.ImageCertification;
import cn.marketplace.onboarding.notification.ProcessContacts;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Certification mails go to the contact of the publisher whose submission is linked to the instance. */
@Component
class SubmissionContacts implements ProcessContacts {

  private final SubmissionRepository submissions;
  private final PublisherRepository publishers;

  SubmissionContacts(SubmissionRepository submissions, PublisherRepository publishers) {
    this.submissions = submissions;
    this.publishers = publishers;
  }

  @Override
  public String processKey() {
    return ImageCertification.KEY;
  }

  @Override
  public Optional<Contact> contactOf(String processInstanceId) {
    return submissions.findByProcessInstanceId(processInstanceId)
        .flatMap(submission -> publishers.findById(submission.getPublisherId()))
        .map(publisher -> new Contact(publisher.getContactEmail(), publisher.getLanguage()));
  }
}
