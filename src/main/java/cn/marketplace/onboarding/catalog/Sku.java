package cn.marketplace.onboarding.catalog;

import cn.marketplace.onboarding.persistence.AssignedIdEntity;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A SKU of an offer; its identifier is unique within the publisher (SKU-3). */
@Table("sku")
public class Sku extends AssignedIdEntity {

  @Id
  private String id;
  private String offerRef;
  private String publisherId;
  private String skuId;
  private String summary;
  private String pricingModel;
  private Integer trialDays;
  private String osFamily;
  private String generation;
  private String architecture;
  private Instant createdAt;
  private Instant updatedAt;
  private Instant summaryLockedAt;

  protected Sku() {}

  public Sku(Offer offer, String skuId, Instant now) {
    this.id = UUID.randomUUID().toString();
    this.offerRef = offer.getId();
    this.publisherId = offer.getPublisherId();
    this.skuId = skuId;
    this.createdAt = now;
  }

  /** The details of an accepted submission; the submission rules made sure the pricing may change. */
  public void describe(String summary, String pricingModel, Integer trialDays, String osFamily, Instant now) {
    this.summary = summary;
    this.pricingModel = pricingModel;
    this.trialDays = trialDays;
    this.osFamily = osFamily;
    this.updatedAt = now;
  }

  /** IMG-TYPE-1: the generation and architecture of the SKU's images, one type per SKU. */
  public void declareImageType(ImageType type, Instant now) {
    this.generation = type.generation().value();
    this.architecture = type.architecture().value();
    this.updatedAt = now;
  }

  /** SKU-4: customers see the summary from the first staging of its offer on; it can't change after that. */
  public void lockSummary(Instant now) {
    if (summaryLockedAt == null) {
      summaryLockedAt = now;
    }
  }

  public boolean isSummaryLocked() {
    return summaryLockedAt != null;
  }

  public String getId() { return id; }
  public String getOfferRef() { return offerRef; }
  public String getPublisherId() { return publisherId; }
  public String getSkuId() { return skuId; }
  public String getSummary() { return summary; }
  public String getPricingModel() { return pricingModel; }
  public String getOsFamily() { return osFamily; }
  public Integer getTrialDays() { return trialDays; }
  public ImageType getImageType() { return ImageType.of(generation, architecture); }
}
