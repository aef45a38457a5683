package cn.marketplace.onboarding.release;

import cn.marketplace.onboarding.catalog.Offer;
import cn.marketplace.onboarding.persistence.AssignedIdEntity;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * One release of an offer, whose SKUs ({@link ReleasedSkus}) are all of the offer's (OFFER-1), and its entry in the catalogue: reviewed
 * (STG-1), staged for its publisher (STG-2, STG-3), scheduled (REL-1) and live. Records who moved
 * it and when. While it is open, {@code openOfferRef} holds its offer, which the table keeps unique:
 * one release of an offer at a time.
 */
@Table("offer_release")
public class OfferRelease extends AssignedIdEntity {

  @Id
  private String id;
  private String offerRef;
  private String openOfferRef;
  private String publisherId;
  private String processInstanceId;
  private ReleaseState state;
  private String titleZh;
  private String titleEn;
  private String summaryZh;
  private String summaryEn;
  private String descriptionZh;
  private String descriptionEn;
  private Integer trialDays;
  private String reviewComment;
  private String preferredWindow;
  private String stagingUrl;
  private Instant releaseAt;
  private String startedBy;
  private String reviewedBy;
  private String scheduledBy;
  private String releasedBy;
  private Instant createdAt;
  private Instant updatedAt;
  private Instant reviewedAt;
  private Instant stagedAt;
  private Instant releasedAt;
  private Instant closedAt;

  protected OfferRelease() {}

  static OfferRelease start(Offer offer, ReleaseForm content, String startedBy, Instant now) {
    OfferRelease release = new OfferRelease();
    release.id = UUID.randomUUID().toString();
    release.offerRef = offer.getId();
    release.openOfferRef = offer.getId();
    release.publisherId = offer.getPublisherId();
    release.state = ReleaseState.IN_REVIEW;
    release.startedBy = startedBy;
    release.createdAt = now;
    release.describe(content, now);
    return release;
  }

  void attachTo(String processInstanceId) {
    this.processInstanceId = processInstanceId;
  }

  /** The publisher's fix after the review sent it back: reviewed again. */
  void resubmit(ReleaseForm content, Instant now) {
    describe(content, now);
    moveTo(ReleaseState.IN_REVIEW, now);
  }

  void approve(String reviewer, String comment, Instant now) {
    review(reviewer, comment, now);
  }

  void requestChanges(String reviewer, String comment, Instant now) {
    review(reviewer, comment, now);
    moveTo(ReleaseState.CHANGES_REQUESTED, now);
  }

  /** STG-2; a retry of the step changes nothing. */
  void stage(String url, Instant now) {
    if (state == ReleaseState.IN_REVIEW) {
      stagingUrl = url;
      stagedAt = now;
      moveTo(ReleaseState.STAGING, now);
    }
  }

  /** STG-3, or the publisher asking for another time than the one scheduled. */
  void requestProduction(String window, Instant now) {
    preferredWindow = window;
    moveTo(ReleaseState.PRODUCTION_REQUESTED, now);
  }

  /** REL-1: the time agreed with the publisher; scheduling again moves it. */
  void schedule(Instant at, String supporter, Instant now) {
    releaseAt = at;
    scheduledBy = supporter;
    moveTo(ReleaseState.SCHEDULED, now);
  }

  /** In production, released at the agreed time by the support team that scheduled it; a retry changes nothing. */
  void goLive(Instant now) {
    if (state == ReleaseState.SCHEDULED) {
      releasedBy = scheduledBy;
      releasedAt = now;
      close(ReleaseState.LIVE, now);
    }
  }

  /** A newer release of the offer is live now. */
  void supersede(Instant now) {
    moveTo(ReleaseState.SUPERSEDED, now);
  }

  /** Stop-sell: kept for the customers who have it, not offered to new ones. */
  void retire(Instant now) {
    moveTo(ReleaseState.RETIRED, now);
  }

  /** An end without production: withdrawn, lapsed or rejected. */
  void close(ReleaseState end, Instant now) {
    if (state.isOpen()) {
      openOfferRef = null;
      closedAt = now;
      moveTo(end, now);
    }
  }

  private void review(String reviewer, String comment, Instant now) {
    reviewedBy = reviewer;
    reviewComment = comment;
    reviewedAt = now;
    updatedAt = now;
  }

  private void describe(ReleaseForm content, Instant now) {
    titleZh = content.titleZh();
    titleEn = content.titleEn();
    summaryZh = content.summaryZh();
    summaryEn = content.summaryEn();
    descriptionZh = content.descriptionZh();
    descriptionEn = content.descriptionEn();
    trialDays = content.trialDays();
    updatedAt = now;
  }

  private void moveTo(ReleaseState next, Instant now) {
    state = next;
    updatedAt = now;
  }

  /** The content as a form of {@code offer}, which must be the release's own. */
  public ReleaseForm content(Offer offer) {
    if (!offer.getId().equals(offerRef)) {
      throw new IllegalArgumentException("release " + id + " is no release of offer " + offer.getId());
    }
    return new ReleaseForm(offer.getOfferId(), titleZh, titleEn, summaryZh, summaryEn, descriptionZh, descriptionEn,
        trialDays);
  }

  /** A free trial's length applies to the free-trial SKUs only. */
  public Integer trialDaysOf(ReleasedSku sku) {
    return "freeTrial".equals(sku.getPricingModel()) ? trialDays : null;
  }

  @Override
  public String getId() { return id; }
  public String getOfferRef() { return offerRef; }
  public String getPublisherId() { return publisherId; }
  public String getProcessInstanceId() { return processInstanceId; }
  public ReleaseState getState() { return state; }
  public String getTitleZh() { return titleZh; }
  public String getTitleEn() { return titleEn; }
  public String getSummaryZh() { return summaryZh; }
  public String getSummaryEn() { return summaryEn; }
  public String getDescriptionZh() { return descriptionZh; }
  public String getDescriptionEn() { return descriptionEn; }
  public String getReviewComment() { return reviewComment; }
  public String getPreferredWindow() { return preferredWindow; }
  public String getStagingUrl() { return stagingUrl; }
  public Instant getReleaseAt() { return releaseAt; }
  public String getReviewedBy() { return reviewedBy; }
  public String getScheduledBy() { return scheduledBy; }
  public String getReleasedBy() { return releasedBy; }
  public Instant getCreatedAt() { return createdAt; }
  public Instant getStagedAt() { return stagedAt; }
  public Instant getReleasedAt() { return releasedAt; }
}
