package cn.marketplace.onboarding.catalog;

import java.util.Optional;

/**
 * What the publisher already has under a SKU identifier, as the submission rules need it.
 *
 * @param offerId the offer the SKU belongs to (SKU-3)
 * @param pricingModel its pricing model
 * @param published whether a version of it was certified or released: its pricing model is then fixed
 *     (PRICE-2, PRICE-5)
 * @param lastVersion its highest image version, if any (SUB-1)
 * @param lockedSummary its summary, if its offer went to staging: it can't change any more (SKU-4)
 * @param imageType the generation and architecture it was accepted with, if known: a SKU keeps them (IMG-TYPE-1)
 */
public record SkuHistory(String offerId, String pricingModel, boolean published, Optional<ImageVersionNumber> lastVersion,
    Optional<String> lockedSummary, Optional<ImageType> imageType) {

  /** A SKU whose image type is not part of the question. */
  public SkuHistory(String offerId, String pricingModel, boolean published, Optional<ImageVersionNumber> lastVersion,
      Optional<String> lockedSummary) {
    this(offerId, pricingModel, published, lastVersion, lockedSummary, Optional.empty());
  }

  /** A SKU whose offer never went to staging. */
  public SkuHistory(String offerId, String pricingModel, boolean published, Optional<ImageVersionNumber> lastVersion) {
    this(offerId, pricingModel, published, lastVersion, Optional.empty());
  }
}
