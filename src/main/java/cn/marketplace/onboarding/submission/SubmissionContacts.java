package cn.marketplace.onboarding.submission;

import cn.marketplace.onboarding.notification.ProcessContacts;
import cn.marketplace.onboarding.process.ImageCertification;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A certification mail goes to the contact of the publisher whose submission is linked to the instance: read in one query, since a
 * mail step needs the address and the language only.
 */
@Component
class SubmissionContacts implements ProcessContacts {

  private final JdbcClient jdbc;

  SubmissionContacts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public String processKey() {
    return ImageCertification.KEY;
  }

  @Override
  public Optional<Contact> contactOf(String processInstanceId) {
    return jdbc.sql("select p.contact_email, p.language from publisher p join submission linked"
            + " on linked.publisher_id = p.id where linked.process_instance_id = ?")
        .param(processInstanceId)
        .query((row, number) -> new Contact(row.getString("contact_email"), row.getString("language")))
        .optional();
  }
}
