package cn.marketplace.onboarding.notification;

import cn.marketplace.onboarding.persistence.AssignedIdEntity;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** The ledger entry of a mail that went out, under the key of the step that sent it. */
@Table("sent_mail")
class SentMail extends AssignedIdEntity {

  @Id
  private String idempotencyKey;
  private String template;
  private int recipients;
  private Instant sentAt;

  protected SentMail() {}

  SentMail(String idempotencyKey, String template, int recipients, Instant sentAt) {
    this.idempotencyKey = idempotencyKey;
    this.template = template;
    this.recipients = recipients;
    this.sentAt = sentAt;
  }

  @Override
  public String getId() {
    return idempotencyKey;
  }
}
