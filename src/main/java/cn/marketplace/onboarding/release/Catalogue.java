package cn.marketplace.onboarding.release;

import static cn.marketplace.onboarding.rules.Finding.fail;

import cn.marketplace.onboarding.account.Publisher;
import cn.marketplace.onboarding.account.PublisherRepository;
import cn.marketplace.onboarding.engine.EngineClock;
import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.catalog.ImageVersion;
import cn.marketplace.onboarding.catalog.ImageVersionNumber;
import cn.marketplace.onboarding.catalog.ImageVersionRepository;
import cn.marketplace.onboarding.catalog.Offer;
import cn.marketplace.onboarding.catalog.OfferRepository;
import cn.marketplace.onboarding.catalog.Sku;
import cn.marketplace.onboarding.catalog.SkuRepository;
import cn.marketplace.onboarding.release.ReleaseRefusedException.Reason;
import cn.marketplace.onboarding.rules.RuleId;
import cn.marketplace.onboarding.rules.RuleMessages;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The marketplace catalogue: the live offers everybody sees, and each publisher's own offers in
 * every state (draft, certified, in review, staging, scheduled, live, withdrawn, retired), which only
 * that publisher and the staff see. A staging entry is visible to its publisher only (STG-2).
 */
@Service
public class Catalogue {

  private final OfferReleaseRepository releases;
  private final ReleasedSkus releasedSkus;
  private final OfferRepository offers;
  private final SkuRepository skus;
  private final ImageVersionRepository versions;
  private final PublisherRepository publishers;
  private final EngineClock clock;

  Catalogue(OfferReleaseRepository releases, ReleasedSkus releasedSkus, OfferRepository offers, SkuRepository skus,
      ImageVersionRepository versions, PublisherRepository publishers, EngineClock clock) {
    this.releases = releases;
    this.releasedSkus = releasedSkus;
    this.offers = offers;
    this.skus = skus;
    this.versions = versions;
    this.publishers = publishers;
    this.clock = clock;
  }

  /** A SKU as customers see it in a release. */
  public record SkuListing(String skuId, String version, String summary, String pricingModel, Integer trialDays) {}

  /** A live offer of the public catalogue. */
  public record LiveOffer(String publisherId, String offerId, String titleZh, String titleEn, String summaryZh,
      String summaryEn, String descriptionZh, String descriptionEn, Instant releasedAt, List<SkuListing> skus) {}

  /** A release of an offer as its publisher follows it. */
  public record ReleaseView(String id, String processInstanceId, String state, String titleZh, String titleEn,
      String stagingUrl, String preferredWindow, Instant releaseAt, Instant stagedAt, Instant releasedAt,
      String releasedBy, List<SkuListing> skus) {}

  /** A SKU of a publisher's offer: its newest image version and how far it got. */
  public record SkuState(String skuId, String summary, String pricingModel, boolean summaryLocked,
      String newestVersion, String newestVersionStatus) {}

  /**
   * One of a publisher's offers. {@code state} is where it stands: the open release's state, else
   * {@code live}, else its last release's end, else {@code certified} (every SKU certified) or
   * {@code draft}; {@code live} says whether customers can buy it now.
   */
  public record PublisherOffer(String offerId, String name, String state, boolean live, ReleaseView release,
      List<SkuState> skus) {}

  @Transactional(readOnly = true)
  public List<LiveOffer> live() {
    List<OfferRelease> live = releases.findByStateOrderByReleasedAtDesc(ReleaseState.LIVE);
    Map<String, String> offerIds = offers.findAllById(live.stream().map(OfferRelease::getOfferRef).toList()).stream()
        .collect(Collectors.toMap(Offer::getId, Offer::getOfferId));
    Map<String, List<ReleasedSku>> skusByRelease = releasedSkus.ofEach(live);
    return live.stream()
        .map(r -> new LiveOffer(r.getPublisherId(), offerIds.get(r.getOfferRef()), r.getTitleZh(), r.getTitleEn(),
            r.getSummaryZh(), r.getSummaryEn(), r.getDescriptionZh(), r.getDescriptionEn(), r.getReleasedAt(),
            listings(r, skusByRelease.getOrDefault(r.getId(), List.of()))))
        .toList();
  }

  @Transactional(readOnly = true)
  public List<PublisherOffer> offersOf(String publisherId, Collection<String> callerGroups) {
    requireReader(publisherId, callerGroups);
    return offers.findByPublisherIdOrderByOfferId(publisherId).stream().map(this::describe).toList();
  }

  @Transactional(readOnly = true)
  public PublisherOffer offerOf(String publisherId, String offerId, Collection<String> callerGroups) {
    requireReader(publisherId, callerGroups);
    return describe(offer(publisherId, offerId));
  }

  /** The offer of {@code release} as {@link #offerOf(String, String, Collection)} shows it. */
  @Transactional(readOnly = true)
  public PublisherOffer offerOf(OfferRelease release, Collection<String> callerGroups) {
    requireReader(release.getPublisherId(), callerGroups);
    return describe(offers.findById(release.getOfferRef())
        .orElseThrow(() -> new ReleaseNotFoundException("offer of release " + release.getId())));
  }

  /**
   * PRICE-5's way out: the live offer stops selling (customers who have it keep it) and is never
   * released again; a new offer carries the new pricing model. Only the publisher's users retire.
   */
  @Transactional
  public PublisherOffer retire(String publisherId, String offerId, Collection<String> callerGroups) {
    if (!callerGroups.contains(Publisher.groupOf(publisherId))) {
      requireReader(publisherId, callerGroups);
      throw new ReleaseRefusedException(Reason.FORBIDDEN, List.of(fail(RuleId.PRICE_5, "offerId",
          "PRICE-5.retire-publisher-only", "offerId", offerId)), RuleMessages.EN);
    }
    Offer offer = offer(publisherId, offerId);
    String language = publishers.findById(publisherId).map(Publisher::getLanguage).orElse("en");
    List<OfferRelease> history = releases.findByOfferRefOrderByCreatedAtDesc(offer.getId());
    Optional<OfferRelease> open = history.stream().filter(r -> r.getState().isOpen()).findFirst();
    if (open.isPresent()) {
      throw new ReleaseRefusedException(Reason.CONFLICT, List.of(fail(RuleId.OFFER_1, "offerId",
          "OFFER-1.release-open", "offerId", offerId, open.get().getState().catalogueState())),
          RuleMessages.locale(language));
    }
    OfferRelease live = history.stream().filter(r -> r.getState() == ReleaseState.LIVE).findFirst()
        .orElseThrow(() -> new ReleaseRefusedException(Reason.CONFLICT,
            List.of(fail(RuleId.PRICE_5, "offerId", "PRICE-5.not-live", "offerId", offerId)),
            RuleMessages.locale(language)));
    live.retire(clock.now());
    releases.save(live);
    return describe(offer);
  }

  private PublisherOffer describe(Offer offer) {
    List<OfferRelease> history = releases.findByOfferRefOrderByCreatedAtDesc(offer.getId());
    Optional<OfferRelease> open = history.stream().filter(r -> r.getState().isOpen()).findFirst();
    Optional<OfferRelease> live = history.stream().filter(r -> r.getState() == ReleaseState.LIVE).findFirst();
    Optional<OfferRelease> shown = open.or(() -> live).or(() -> history.stream().findFirst());
    List<SkuState> skuStates = skus.findByOfferRefOrderBySkuId(offer.getId()).stream().map(this::state).toList();
    String state = shown.map(r -> r.getState().catalogueState())
        .orElse(skuStates.stream().allMatch(s -> isCertified(s.newestVersionStatus())) ? "certified" : "draft");
    return new PublisherOffer(offer.getOfferId(), offer.getName(), state, live.isPresent(),
        shown.map(this::view).orElse(null), skuStates);
  }

  private SkuState state(Sku sku) {
    Optional<ImageVersion> newest = versions.findBySkuRef(sku.getId()).stream()
        .max(Comparator.comparing(v -> ImageVersionNumber.parse(v.getVersion()).orElse(new ImageVersionNumber(0, 0, 0))));
    return new SkuState(sku.getSkuId(), sku.getSummary(), sku.getPricingModel(), sku.isSummaryLocked(),
        newest.map(ImageVersion::getVersion).orElse(null), newest.map(v -> v.getStatus().name()).orElse(null));
  }

  private static boolean isCertified(String versionStatus) {
    return ImageVersion.Status.CERTIFIED.name().equals(versionStatus)
        || ImageVersion.Status.RELEASED.name().equals(versionStatus);
  }

  private ReleaseView view(OfferRelease release) {
    return new ReleaseView(release.getId(), release.getProcessInstanceId(), release.getState().catalogueState(),
        release.getTitleZh(), release.getTitleEn(), release.getStagingUrl(), release.getPreferredWindow(),
        release.getReleaseAt(), release.getStagedAt(), release.getReleasedAt(), release.getReleasedBy(),
        listings(release, releasedSkus.of(release)));
  }

  private static List<SkuListing> listings(OfferRelease release, List<ReleasedSku> skus) {
    return skus.stream().map(sku -> new SkuListing(sku.getSkuId(), sku.getVersion(), sku.getSummary(),
        sku.getPricingModel(), release.trialDaysOf(sku))).toList();
  }

  private Offer offer(String publisherId, String offerId) {
    return offers.findByPublisherIdAndOfferId(publisherId, offerId)
        .orElseThrow(() -> new ReleaseNotFoundException("offer " + publisherId + "/" + offerId));
  }

  /** The publisher's own users, the support team and operations read a publisher's catalogue; nobody else learns of it. */
  private static void requireReader(String publisherId, Collection<String> callerGroups) {
    boolean reader = callerGroups.contains(Publisher.groupOf(publisherId)) || callerGroups.contains(Groups.SUPPORT)
        || callerGroups.contains(Groups.OPERATIONS) || callerGroups.contains(Groups.ADMIN);
    if (!reader) {
      throw new ReleaseNotFoundException("catalogue of publisher " + publisherId);
    }
  }
}
