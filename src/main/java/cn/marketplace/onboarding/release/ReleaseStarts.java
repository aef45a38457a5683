package cn.marketplace.onboarding.release;

import cn.marketplace.onboarding.process.OfferReleaseProcess;
import static cn.marketplace.onboarding.rules.Finding.fail;
import static cn.marketplace.onboarding.rules.Finding.pass;
import cn.marketplace.onboarding.account.ActivePublishers;
import cn.marketplace.onboarding.account.Publisher;
import cn.marketplace.onboarding.account.PublisherRepository;
import cn.marketplace.onboarding.catalog.ImageVersion;
import cn.marketplace.onboarding.catalog.ImageVersionNumber;
import cn.marketplace.onboarding.catalog.ImageVersionRepository;
import cn.marketplace.onboarding.catalog.Offer;
import cn.marketplace.onboarding.catalog.OfferRepository;
import cn.marketplace.onboarding.catalog.Sku;
import cn.marketplace.onboarding.catalog.SkuRepository;
import cn.marketplace.onboarding.engine.AuthorizationGrants;
import cn.marketplace.onboarding.engine.EngineClock;
import cn.marketplace.onboarding.engine.ProductStarts;
import cn.marketplace.onboarding.release.ReleaseRefusedException.Reason;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.Findings;
import cn.marketplace.onboarding.rules.RuleId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import cn.marketplace.onboarding.rules.RuleMessages;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starting a release: from our API or Tasklist's start form, by an activated publisher (ACT-1), of an
 * offer with every SKU certified (OFFER-1), a live SKU keeping its pricing model (PRICE-5), one release
 * of an offer at a time, its content checked (NEXT-1); the instance linked to the release and granted
 * to the publisher.
 */
@Service
public class ReleaseStarts {

  private final OfferReleaseRepository releases;
  private final ReleasedSkus releasedSkus;
  private final OfferRepository offers;
  private final SkuRepository skus;
  private final ImageVersionRepository versions;
  private final PublisherRepository publishers;
  private final ActivePublishers activePublishers;
  private final CertificationReports reports;
  private final RuntimeService runtimeService;
  private final AuthorizationGrants grants;
  private final EngineClock clock;

  ReleaseStarts(OfferReleaseRepository releases, ReleasedSkus releasedSkus, OfferRepository offers, SkuRepository skus,
      ImageVersionRepository versions, PublisherRepository publishers, ActivePublishers activePublishers,
      CertificationReports reports, RuntimeService runtimeService, AuthorizationGrants grants, EngineClock clock) {
    this.releases = releases;
    this.releasedSkus = releasedSkus;
    this.offers = offers;
    this.skus = skus;
    this.versions = versions;
    this.publishers = publishers;
    this.activePublishers = activePublishers;
    this.reports = reports;
    this.runtimeService = runtimeService;
    this.grants = grants;
    this.clock = clock;
  }

  /** The answer to {@code POST /api/releases}. */
  public record StartedRelease(String id, String processInstanceId, String state) {}

  /** A release through the API: registered, then its {@code offerRelease} started with its ids. */
  @Transactional
  public StartedRelease start(String userId, Collection<String> callerGroups, ReleaseForm form) {
    OfferRelease release = register(userId, callerGroups, form);
    ProcessInstance instance = ProductStarts.start(release.getId(),
        () -> runtimeService.startProcessInstanceByKey(OfferReleaseProcess.KEY, release.getId(), processVariables(release)));
    return new StartedRelease(release.getId(), instance.getId(), release.getState().name());
  }

  /**
   * The first step of an instance our API started for {@code releaseId}: links the release to it before
   * any task of it asks which release it works on.
   */
  @Transactional
  public void attachProductStart(String releaseId, String processInstanceId) {
    attach(releases.findById(releaseId).orElseThrow(() -> new IllegalStateException("no release " + releaseId)),
        processInstanceId);
  }

  /** A release from Tasklist's start form, whose instance exists already; answers the instance's variables. */
  @Transactional
  public Map<String, Object> registerStarted(String userId, Collection<String> starterGroups, ReleaseForm form,
      String processInstanceId) {
    OfferRelease release = register(userId, starterGroups, form);
    attach(release, processInstanceId);
    return processVariables(release);
  }

  private OfferRelease register(String userId, Collection<String> groups, ReleaseForm submitted) {
    ReleaseForm form = submitted.normalized();
    ActivePublishers.Standing standing = activePublishers.of(groups, RuleId.ACT_1);
    if (!standing.active()) {
      throw refuse(standing.refused() == ActivePublishers.Refused.NOT_ACTIVE ? Reason.NOT_ACTIVE : Reason.FORBIDDEN,
          RuleMessages.EN, standing.finding());
    }
    Publisher publisher = standing.publisher();
    String publisherId = publisher.getId();
    Locale locale = RuleMessages.locale(publisher.getLanguage());
    Offer offer = Optional.ofNullable(form.offerId())
        .flatMap(offerId -> offers.findByPublisherIdAndOfferId(publisherId, offerId))
        .orElseThrow(() -> refuse(Reason.NOT_FOUND, locale,
            fail(RuleId.OFFER_1, "offerId", "OFFER-1.unknown-offer", "offerId", String.valueOf(form.offerId()))));
    List<OfferRelease> earlier = releases.findByOfferRefOrderByCreatedAtDesc(offer.getId());
    for (OfferRelease release : earlier) {
      if (release.getState() == ReleaseState.RETIRED) {
        throw refuse(Reason.CONFLICT, locale,
            fail(RuleId.PRICE_5, "offerId", "PRICE-5.retired", "offerId", offer.getOfferId()));
      }
      if (release.getState().isOpen()) {
        throw refuse(Reason.CONFLICT, locale, fail(RuleId.OFFER_1, "offerId", "OFFER-1.release-open", "offerId",
            offer.getOfferId(), release.getState().catalogueState()));
      }
    }
    List<Finding> findings = new ArrayList<>();
    List<Sku> offerSkus = skus.findByOfferRefOrderBySkuId(offer.getId());
    List<ReleasedSku> released = releasableSkus(offer, offerSkus, earlier, findings);
    boolean ready = !Findings.anyFailed(findings);
    findings.addAll(ReleaseContentChecks.check(form, pricingModelsOf(offerSkus)));
    if (Findings.anyFailed(findings)) {
      throw new ReleaseRefusedException(ready ? Reason.INVALID : Reason.CONFLICT, findings, locale);
    }
    OfferRelease release = releases.save(OfferRelease.start(offer, form, userId, clock.now()));
    releasedSkus.add(release.getId(), released);
    return release;
  }

  /**
   * OFFER-1: the newest certified (or released) version of every SKU of the offer, each with its
   * certification report; PRICE-5: a SKU that is live keeps its pricing model.
   */
  private List<ReleasedSku> releasableSkus(Offer offer, List<Sku> offerSkus, List<OfferRelease> earlier,
      List<Finding> findings) {
    Map<String, String> liveModels = earlier.stream().filter(r -> r.getState() == ReleaseState.LIVE).findFirst()
        .map(live -> releasedSkus.of(live).stream()
            .collect(Collectors.toMap(ReleasedSku::getSkuRef, ReleasedSku::getPricingModel)))
        .orElse(Map.of());
    Map<Sku, ImageVersion> newest = new LinkedHashMap<>();
    for (Sku sku : offerSkus) {
      Optional<ImageVersion> certified = versions.findBySkuRef(sku.getId()).stream().filter(ImageVersion::isPublished)
          .max(Comparator.comparing(v -> ImageVersionNumber.parse(v.getVersion()).orElse(new ImageVersionNumber(0, 0, 0))));
      String subject = sku.getSkuId();
      if (certified.isEmpty()) {
        findings.add(fail(RuleId.OFFER_1, subject, "OFFER-1.not-certified", subject, offer.getOfferId()));
      } else {
        findings.add(pass(RuleId.OFFER_1, subject, "OFFER-1.certified", subject, certified.get().getVersion()));
        newest.put(sku, certified.get());
      }
      String liveModel = liveModels.get(sku.getId());
      if (liveModel != null && !liveModel.equals(sku.getPricingModel())) {
        findings.add(fail(RuleId.PRICE_5, subject, "PRICE-5.live-model", subject, liveModel, sku.getPricingModel()));
      }
    }
    return newest.entrySet().stream().map(entry -> {
      Sku sku = entry.getKey();
      ImageVersion version = entry.getValue();
      return new ReleasedSku(sku.getId(), version.getId(), sku.getSkuId(), version.getVersion(), sku.getSummary(),
          sku.getPricingModel(), reports.of(version).orElse(null));
    }).toList();
  }

  private static Set<String> pricingModelsOf(List<Sku> offerSkus) {
    return offerSkus.stream().map(Sku::getPricingModel).collect(Collectors.toSet());
  }

  /** What the diagram's steps and mails need: ids, the offer's name and where the publisher reads mail. */
  private Map<String, Object> processVariables(OfferRelease release) {
    Publisher publisher = publishers.findById(release.getPublisherId()).orElseThrow();
    Offer offer = offers.findById(release.getOfferRef()).orElseThrow();
    Map<String, Object> variables = new HashMap<>();
    variables.put(OfferReleaseProcess.RELEASE_ID, release.getId());
    variables.put(OfferReleaseProcess.PUBLISHER_ID, publisher.getId());
    variables.put(OfferReleaseProcess.OFFER_ID, offer.getOfferId());
    variables.put(OfferReleaseProcess.OFFER_NAME, offer.getName());
    variables.put(OfferReleaseProcess.COMPANY_NAME, publisher.getCompanyName());
    variables.put(OfferReleaseProcess.CONTACT_EMAIL, publisher.getContactEmail());
    variables.put(OfferReleaseProcess.LANGUAGE, publisher.getLanguage());
    return variables;
  }

  private void attach(OfferRelease release, String processInstanceId) {
    release.attachTo(processInstanceId);
    releases.save(release);
    String group = Publisher.groupOf(release.getPublisherId());
    // the instance was started in this same step: nobody holds a grant on it yet
    grants.createGroupGrant(group, Resources.PROCESS_INSTANCE, processInstanceId, Permissions.READ);
    grants.createGroupGrant(group, Resources.HISTORIC_PROCESS_INSTANCE, processInstanceId,
        HistoricProcessInstancePermissions.READ);
  }
  private static ReleaseRefusedException refuse(Reason reason, Locale locale, Finding finding) {
    return new ReleaseRefusedException(reason, List.of(finding), locale);
  }
}
