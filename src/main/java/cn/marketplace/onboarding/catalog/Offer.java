package cn.marketplace.onboarding.catalog;

import cn.marketplace.onboarding.persistence.AssignedIdEntity;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** OFFER-1: an offer of a publisher, the parent of its SKUs; {@code offerId} is the identifier in URLs. */
@Table("offer")
public class Offer extends AssignedIdEntity {

  @Id
  private String id;
  private String publisherId;
  private String offerId;
  private String name;
  private Instant createdAt;
  private Instant updatedAt;

  protected Offer() {}

  public Offer(String publisherId, String offerId, String name, Instant now) {
    this.id = UUID.randomUUID().toString();
    this.publisherId = publisherId;
    this.offerId = offerId;
    this.name = name;
    this.createdAt = now;
    this.updatedAt = now;
  }

  public void rename(String name, Instant now) {
    this.name = name;
    this.updatedAt = now;
  }

  public String getId() { return id; }
  public String getPublisherId() { return publisherId; }
  public String getOfferId() { return offerId; }
  public String getName() { return name; }
}
