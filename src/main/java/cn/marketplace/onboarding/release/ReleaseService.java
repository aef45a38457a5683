package cn.marketplace.onboarding.release;

import static cn.marketplace.onboarding.rules.Finding.fail;
import static cn.marketplace.onboarding.rules.Finding.pass;

import cn.marketplace.onboarding.account.Publisher;
import cn.marketplace.onboarding.account.PublisherRepository;
import cn.marketplace.onboarding.engine.AuthorizationGrants;
import cn.marketplace.onboarding.engine.EngineClock;
import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.engine.OnboardingProperties;
import cn.marketplace.onboarding.catalog.ImageVersion;
import cn.marketplace.onboarding.catalog.ImageVersionNumber;
import cn.marketplace.onboarding.catalog.ImageVersionRepository;
import cn.marketplace.onboarding.catalog.Offer;
import cn.marketplace.onboarding.catalog.OfferRepository;
import cn.marketplace.onboarding.catalog.Sku;
import cn.marketplace.onboarding.catalog.SkuRepository;
import cn.marketplace.onboarding.submission.SubmissionService;
import cn.marketplace.onboarding.release.ReleaseRefusedException.Reason;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.Findings;
import cn.marketplace.onboarding.rules.RuleId;
import cn.marketplace.onboarding.rules.RuleMessages;
import java.time.Instant;
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
import org.camunda.bpm.engine.delegate.DelegateExecution;
import cn.marketplace.onboarding.engine.ProductStarts;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Releases of offers (publisher guide, steps 4.2 and 5): started by an active publisher for an offer
 * whose every SKU is certified, reviewed by the support team, staged for the publisher, scheduled at
 * an agreed time and released to production. The delegates of {@code offerRelease} call it with ids
 * and decisions; it knows no variable names.
 */
@Service
public class ReleaseService {

  public static final String PROCESS_KEY = OfferReleaseProcess.KEY;
  /** The publisher asks for another release time than the one scheduled. */
  static final String ANOTHER_TIME_MESSAGE = OfferReleaseProcess.RELEASE_TIME_CHANGE_REQUESTED;
  /** The publisher withdraws the release before its time. */
  static final String WITHDRAWN_MESSAGE = OfferReleaseProcess.RELEASE_WITHDRAWN;
  static final int MAX_WINDOW = 200;
  static final int MAX_COMMENT = 2000;
  /** Staff read refusals in the marketplace's language, as their mails. */
  private static final Locale STAFF = RuleMessages.ZH_CN;

  private final OfferReleaseRepository releases;
  private final OfferRepository offers;
  private final SkuRepository skus;
  private final ImageVersionRepository versions;
  private final SubmissionService submissions;
  private final PublisherRepository publishers;
  private final CertificationReports reports;
  private final ReleaseTimes times;
  private final RuntimeService runtimeService;
  private final AuthorizationGrants grants;
  private final EngineClock clock;
  private final OnboardingProperties properties;

  ReleaseService(OfferReleaseRepository releases, OfferRepository offers, SkuRepository skus,
      ImageVersionRepository versions, SubmissionService submissions, PublisherRepository publishers,
      CertificationReports reports, ReleaseTimes times, RuntimeService runtimeService, AuthorizationGrants grants,
      EngineClock clock, OnboardingProperties properties) {
    this.releases = releases;
    this.offers = offers;
    this.skus = skus;
    this.versions = versions;
    this.submissions = submissions;
    this.publishers = publishers;
    this.reports = reports;
    this.times = times;
    this.runtimeService = runtimeService;
    this.grants = grants;
    this.clock = clock;
    this.properties = properties;
  }

  /** The answer to {@code POST /api/releases}. */
  public record StartedRelease(String id, String processInstanceId, String state) {}

  /** A release through the API: registered, then its {@code offerRelease} started with its ids. */
  @Transactional
  public StartedRelease start(String userId, Collection<String> callerGroups, ReleaseForm form) {
    OfferRelease release = register(userId, callerGroups, form);
    ProcessInstance instance = ProductStarts.start(release.getId(),
        () -> runtimeService.startProcessInstanceByKey(PROCESS_KEY, release.getId(), processVariables(release)));
    return new StartedRelease(release.getId(), instance.getId(), release.getState().name());
  }

  /**
   * The first step of an instance our API started for {@code releaseId}: links the release to it before
   * any task of it asks which release it works on.
   */
  @Transactional
  public void attachProductStart(String releaseId, String processInstanceId) {
    attach(get(releaseId), processInstanceId);
  }

  /** A release from Tasklist's start form, whose instance exists already; answers the instance's variables. */
  @Transactional
  public Map<String, Object> registerStarted(String userId, Collection<String> starterGroups, ReleaseForm form,
      String processInstanceId) {
    OfferRelease release = register(userId, starterGroups, form);
    attach(release, processInstanceId);
    return processVariables(release);
  }

  /** The publisher's fix after the review sent it back: the content it changed, checked again (NEXT-1). */
  @Transactional
  public void resubmit(String releaseId, Map<String, Object> changes) {
    OfferRelease release = get(releaseId);
    ReleaseForm content = release.content().withContent(changes).normalized();
    List<Finding> findings = ReleaseContentChecks.check(content, pricingModels(release));
    if (Findings.anyFailed(findings)) {
      throw new ReleaseRefusedException(Reason.INVALID, findings, publisherLocale(release));
    }
    release.resubmit(content, clock.now());
  }

  /** STG-1: the support team's decision; a rejection needs a comment for the publisher. True when approved. */
  @Transactional
  public boolean review(String releaseId, String decision, String comment, String reviewer) {
    OfferRelease release = get(releaseId);
    boolean approved = "approve".equals(decision);
    if (!approved && !"reject".equals(decision)) {
      throw refuse(Reason.INVALID, STAFF, fail(RuleId.STG_1, "reviewDecision", "STG-1.decision", "reviewDecision"));
    }
    String text = optionalText(comment, MAX_COMMENT, RuleId.STG_1, "reviewComment", STAFF);
    if (!approved && text == null) {
      throw refuse(Reason.INVALID, STAFF,
          fail(RuleId.STG_1, "reviewComment", "STG-1.comment-required", "reviewComment"));
    }
    if (approved) {
      release.approve(reviewer, text, clock.now());
    } else {
      release.requestChanges(reviewer, text, clock.now());
    }
    return approved;
  }

  /**
   * STG-2: the offer in the pre-release environment, a catalogue entry only its publisher sees, and
   * from now on the summaries of its SKUs locked (SKU-4). Answers the entry's address; a retry
   * answers the same.
   */
  @Transactional
  public String stage(String releaseId) {
    OfferRelease release = get(releaseId);
    Instant now = clock.now();
    release.stage(properties.baseUrl() + "/api/publishers/" + release.getPublisherId() + "/offers/"
        + release.getOffer().getOfferId(), now);
    for (ReleasedSku sku : release.getSkus()) {
      skus.findById(sku.getSkuRef()).ifPresent(s -> s.lockSummary(now));
    }
    return release.getStagingUrl();
  }

  /** STG-3: the publisher tested in staging, and asks for production in a preferred window or withdraws. */
  @Transactional
  public void verify(String releaseId, String decision, String preferredWindow) {
    OfferRelease release = get(releaseId);
    Locale locale = publisherLocale(release);
    if ("requestProduction".equals(decision)) {
      release.requestProduction(window(preferredWindow, locale), clock.now());
    } else if (!"withdraw".equals(decision)) {
      throw refuse(Reason.INVALID, locale, fail(RuleId.STG_3, "stagingDecision", "STG-3.decision", "stagingDecision"));
    }
  }

  /** REL-1: the release time the support team agreed with the publisher, checked; scheduling again moves it. */
  @Transactional
  public Instant schedule(String releaseId, String releaseAt, String supporter) {
    OfferRelease release = get(releaseId);
    ReleaseTimes.Checked checked = times.check(releaseAt, clock.now());
    if (checked.finding().failed()) {
      throw refuse(Reason.INVALID, STAFF, checked.finding());
    }
    release.schedule(checked.at().orElseThrow(), supporter, clock.now());
    return release.getReleaseAt();
  }

  /** The publisher (or the support team for it) asks for another time than the one scheduled. */
  @Transactional
  public void askForAnotherTime(String releaseId, Collection<String> callerGroups, String preferredWindow) {
    OfferRelease release = visible(releaseId, callerGroups);
    Locale locale = publisherLocale(release);
    if (release.getState() != ReleaseState.SCHEDULED) {
      throw refuse(Reason.CONFLICT, locale, fail(RuleId.REL_1, "releaseId", "REL-1.not-scheduled", "releaseId",
          release.getState().catalogueState()));
    }
    release.requestProduction(window(preferredWindow, locale), clock.now());
    runtimeService.createMessageCorrelation(ANOTHER_TIME_MESSAGE).processInstanceBusinessKey(releaseId)
        .setVariable(OfferReleaseProcess.PREFERRED_WINDOW, release.getPreferredWindow()).correlateWithResult();
  }

  /** The publisher withdraws a release that asked for production, before its time; staging has its own decision. */
  @Transactional
  public void withdraw(String releaseId, Collection<String> callerGroups) {
    OfferRelease release = visible(releaseId, callerGroups);
    if (release.getState() != ReleaseState.SCHEDULED && release.getState() != ReleaseState.PRODUCTION_REQUESTED) {
      throw refuse(Reason.CONFLICT, publisherLocale(release), fail(RuleId.REL_1, "releaseId",
          "REL-1.not-withdrawable", "releaseId", release.getState().catalogueState()));
    }
    runtimeService.createMessageCorrelation(WITHDRAWN_MESSAGE).processInstanceBusinessKey(releaseId)
        .correlateWithResult();
  }

  /**
   * REL-1 at the agreed time: the catalogue entry goes live, replacing the offer's earlier live
   * release, and its image versions become RELEASED, which fixes their pricing (PRICE-5); their
   * submissions' SAS URIs are forgotten. A retry changes nothing.
   */
  @Transactional
  public OfferRelease goLive(String releaseId) {
    OfferRelease release = get(releaseId);
    if (release.getState() != ReleaseState.SCHEDULED) {
      return release;
    }
    Instant now = clock.now();
    releases.findByOfferAndState(release.getOffer(), ReleaseState.LIVE).forEach(earlier -> earlier.supersede(now));
    release.goLive(now);
    for (ReleasedSku sku : release.getSkus()) {
      versions.findById(sku.getImageVersionRef()).ifPresent(version -> {
        version.markReleased();
        submissions.imageReleased(version.getSubmissionId());
      });
    }
    return release;
  }

  /** The release ended ({@code LIVE}, {@code WITHDRAWN}, {@code LAPSED}, {@code REJECTED}); answers its {@code releaseStatus}. */
  @Transactional
  public String close(String releaseId, ReleaseState end) {
    OfferRelease release = get(releaseId);
    release.close(end, clock.now());
    return end.releaseStatus();
  }

  /**
   * What the release's forms show: the offer, its SKUs with their versions and reports, the content
   * and the state. Named apart from what the tasks complete with ({@code reviewComment},
   * {@code preferredWindow}), which task-local values would hide.
   */
  @Transactional(readOnly = true)
  public Map<String, Object> taskFields(String releaseId) {
    OfferRelease release = get(releaseId);
    Map<String, Object> fields = new HashMap<>(release.content().contentVariables());
    fields.put(OfferReleaseProcess.OFFER_NAME, release.getOffer().getName());
    fields.put(OfferReleaseProcess.SKU_OVERVIEW, release.getSkus().stream()
        .map(sku -> "- " + sku.getSkuId() + " " + sku.getVersion() + " · " + sku.getPricingModel()
            + (release.trialDaysOf(sku) == null ? "" : " (" + release.trialDaysOf(sku) + " days)")
            + " · certification report " + Optional.ofNullable(sku.getCertificationReportId()).orElse("—")
            + " · " + sku.getSummary())
        .collect(Collectors.joining("\n")));
    fields.put(OfferReleaseProcess.LAST_REVIEW_COMMENT, release.getReviewComment());
    fields.put(OfferReleaseProcess.STAGING_URL, release.getStagingUrl());
    fields.put(OfferReleaseProcess.REQUESTED_WINDOW, release.getPreferredWindow());
    fields.put(OfferReleaseProcess.RELEASE_AT_TEXT, release.getReleaseAt() == null ? null : times.show(release.getReleaseAt()));
    return fields;
  }

  /** The time as mails and forms show it. */
  public String show(Instant at) {
    return times.show(at);
  }

  /** The time as ISO-8601 with the calendar's offset, as {@code releaseAt} holds it. */
  public String iso(Instant at) {
    return times.iso(at);
  }

  /** The release the product linked to this instance, if any. */
  public Optional<OfferRelease> findOfInstance(String processInstanceId) {
    return releases.findByProcessInstanceId(processInstanceId);
  }

  /**
   * The id of the release an {@code offerRelease} step works on: the one linked to its instance in our
   * tables, never the variable; a variable naming another release or publisher stops the step.
   */
  public String idOf(DelegateExecution execution) {
    OfferRelease release = findOfInstance(execution.getProcessInstanceId()).orElseThrow(() ->
        new IllegalStateException("Instance " + execution.getProcessInstanceId() + " has no release"));
    ProductStarts.requireSame(execution, OfferReleaseProcess.RELEASE_ID, release.getId());
    ProductStarts.requireSame(execution, OfferReleaseProcess.PUBLISHER_ID, release.getPublisherId());
    return release.getId();
  }

  public OfferRelease get(String releaseId) {
    return releases.findById(releaseId).orElseThrow(() -> new IllegalStateException("no release " + releaseId));
  }

  /** The release if the caller may see it: its publisher's users and the support team. */
  @Transactional(readOnly = true)
  public OfferRelease visible(String releaseId, Collection<String> callerGroups) {
    return releases.findById(releaseId)
        .filter(r -> callerGroups.contains(Groups.SUPPORT) || callerGroups.contains(Publisher.groupOf(r.getPublisherId())))
        .orElseThrow(() -> new ReleaseNotFoundException("release " + releaseId));
  }

  // ---- starting a release ---------------------------------------------------------------

  private OfferRelease register(String userId, Collection<String> groups, ReleaseForm submitted) {
    ReleaseForm form = submitted.normalized();
    String publisherId = submissions.publisherIdOf(groups).orElseThrow(() -> refuse(Reason.FORBIDDEN,
        RuleMessages.EN, fail(RuleId.ACT_1, "publisher", "ACT-1.no-publisher", "publisher")));
    Publisher publisher = publishers.findById(publisherId).filter(Publisher::isActive)
        .orElseThrow(() -> refuse(Reason.NOT_ACTIVE, RuleMessages.EN,
            fail(RuleId.ACT_1, "publisher", "ACT-1.not-active", "publisher", publisherId)));
    Locale locale = RuleMessages.locale(publisher.getLanguage());
    Offer offer = Optional.ofNullable(form.offerId())
        .flatMap(offerId -> offers.findByPublisherIdAndOfferId(publisherId, offerId))
        .orElseThrow(() -> refuse(Reason.NOT_FOUND, locale,
            fail(RuleId.OFFER_1, "offerId", "OFFER-1.unknown-offer", "offerId", String.valueOf(form.offerId()))));
    List<OfferRelease> earlier = releases.findByOfferOrderByCreatedAtDesc(offer);
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
    List<ReleasedSku> released = releasableSkus(offer, earlier, findings);
    boolean ready = !Findings.anyFailed(findings);
    findings.addAll(ReleaseContentChecks.check(form, pricingModelsOf(offer)));
    if (Findings.anyFailed(findings)) {
      throw new ReleaseRefusedException(ready ? Reason.INVALID : Reason.CONFLICT, findings, locale);
    }
    return releases.saveAndFlush(OfferRelease.start(offer, form, released, userId, clock.now()));
  }

  /**
   * OFFER-1: the newest certified (or released) version of every SKU of the offer, each with its
   * certification report; PRICE-5: a SKU that is live keeps its pricing model.
   */
  private List<ReleasedSku> releasableSkus(Offer offer, List<OfferRelease> earlier, List<Finding> findings) {
    Map<String, String> liveModels = earlier.stream().filter(r -> r.getState() == ReleaseState.LIVE).findFirst()
        .map(live -> live.getSkus().stream()
            .collect(Collectors.toMap(ReleasedSku::getSkuRef, ReleasedSku::getPricingModel)))
        .orElse(Map.of());
    Map<Sku, ImageVersion> newest = new LinkedHashMap<>();
    for (Sku sku : skus.findByOfferOrderBySkuId(offer)) {
      Optional<ImageVersion> certified = versions.findBySku(sku).stream().filter(ImageVersion::isPublished)
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
    Map<String, String> certificationInstances = new HashMap<>();
    newest.values().forEach(v -> Optional.ofNullable(submissions.get(v.getSubmissionId()).getProcessInstanceId())
        .ifPresent(pi -> certificationInstances.put(v.getId(), pi)));
    Map<String, String> reportIds = reports.byCertificationInstance(Set.copyOf(certificationInstances.values()));
    return newest.entrySet().stream().map(entry -> {
      Sku sku = entry.getKey();
      ImageVersion version = entry.getValue();
      return new ReleasedSku(sku.getId(), version.getId(), sku.getSkuId(), version.getVersion(), sku.getSummary(),
          sku.getPricingModel(), reportIds.get(certificationInstances.get(version.getId())));
    }).toList();
  }

  private Set<String> pricingModelsOf(Offer offer) {
    return skus.findByOfferOrderBySkuId(offer).stream().map(Sku::getPricingModel).collect(Collectors.toSet());
  }

  private static Set<String> pricingModels(OfferRelease release) {
    return release.getSkus().stream().map(ReleasedSku::getPricingModel).collect(Collectors.toSet());
  }

  /** What the diagram's steps and mails need: ids, the offer's name and where the publisher reads mail. */
  private Map<String, Object> processVariables(OfferRelease release) {
    Publisher publisher = publishers.findById(release.getPublisherId()).orElseThrow();
    Map<String, Object> variables = new HashMap<>();
    variables.put(OfferReleaseProcess.RELEASE_ID, release.getId());
    variables.put(OfferReleaseProcess.PUBLISHER_ID, publisher.getId());
    variables.put(OfferReleaseProcess.OFFER_ID, release.getOffer().getOfferId());
    variables.put(OfferReleaseProcess.OFFER_NAME, release.getOffer().getName());
    variables.put(OfferReleaseProcess.COMPANY_NAME, publisher.getCompanyName());
    variables.put(OfferReleaseProcess.CONTACT_EMAIL, publisher.getContactEmail());
    variables.put(OfferReleaseProcess.LANGUAGE, publisher.getLanguage());
    return variables;
  }

  private void attach(OfferRelease release, String processInstanceId) {
    release.attachTo(processInstanceId);
    String group = Publisher.groupOf(release.getPublisherId());
    // the instance was started in this same step: nobody holds a grant on it yet
    grants.createGroupGrant(group, Resources.PROCESS_INSTANCE, processInstanceId, Permissions.READ);
    grants.createGroupGrant(group, Resources.HISTORIC_PROCESS_INSTANCE, processInstanceId,
        HistoricProcessInstancePermissions.READ);
  }

  private static String window(String preferredWindow, Locale locale) {
    String window = optionalText(preferredWindow, MAX_WINDOW, RuleId.STG_3, "preferredWindow", locale);
    if (window == null) {
      throw refuse(Reason.INVALID, locale, fail(RuleId.STG_3, "preferredWindow", "STG-3.window-required",
          "preferredWindow", MAX_WINDOW));
    }
    return window;
  }

  private Locale publisherLocale(OfferRelease release) {
    return RuleMessages.locale(publishers.findById(release.getPublisherId()).map(Publisher::getLanguage).orElse("en"));
  }

  /** The text stripped, null when empty; refused when longer than its column holds. */
  private static String optionalText(String text, int max, RuleId rule, String field, Locale locale) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String stripped = text.strip();
    if (stripped.length() > max) {
      throw refuse(Reason.INVALID, locale, fail(rule, field, "submission.too-long", field, max, stripped.length()));
    }
    return stripped;
  }

  private static ReleaseRefusedException refuse(Reason reason, Locale locale, Finding finding) {
    return new ReleaseRefusedException(reason, List.of(finding), locale);
  }
}
