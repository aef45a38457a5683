package cn.marketplace.onboarding.notification;

import cn.marketplace.onboarding.persistence.AssignedIdEntity;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** The ledger entry of a mail that went out, under the key of the step that sent it ({@link SentMailRepository#claim}). */
@Table("sent_mail")
class SentMail extends AssignedIdEntity {

  @Id
  private String idempotencyKey;
  private String template;
  private int recipients;
  private Instant sentAt;

  protected SentMail() {}

  @Override
  public String getId() {
    return idempotencyKey;
  }
}
