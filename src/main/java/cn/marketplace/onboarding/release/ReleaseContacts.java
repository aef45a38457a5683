package cn.marketplace.onboarding.release;

import cn.marketplace.onboarding.notification.ProcessContacts;
import cn.marketplace.onboarding.process.OfferReleaseProcess;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A release mail goes to the contact of the publisher whose release is linked to the instance: read in one query, since a
 * mail step needs the address and the language only.
 */
@Component
class ReleaseContacts implements ProcessContacts {

  private final JdbcClient jdbc;

  ReleaseContacts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public String processKey() {
    return OfferReleaseProcess.KEY;
  }

  @Override
  public Optional<Contact> contactOf(String processInstanceId) {
    return jdbc.sql("select p.contact_email, p.language from publisher p join offer_release linked"
            + " on linked.publisher_id = p.id where linked.process_instance_id = ?")
        .param(processInstanceId)
        .query((row, number) -> new Contact(row.getString("contact_email"), row.getString("language")))
        .optional();
  }
}
