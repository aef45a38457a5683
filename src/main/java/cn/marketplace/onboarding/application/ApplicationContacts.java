package cn.marketplace.onboarding.application;

import cn.marketplace.onboarding.notification.ProcessContacts;
import cn.marketplace.onboarding.process.PublisherOnboarding;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Onboarding mails go to the contact of the application linked to the instance. */
@Component
class ApplicationContacts implements ProcessContacts {

  private final ApplicationRepository applications;

  ApplicationContacts(ApplicationRepository applications) {
    this.applications = applications;
  }

  @Override
  public String processKey() {
    return PublisherOnboarding.KEY;
  }

  @Override
  public Optional<Contact> contactOf(String processInstanceId) {
    return applications.findByProcessInstanceId(processInstanceId)
        .map(application -> new Contact(application.getContactEmail(), application.getLanguage()));
  }
}
