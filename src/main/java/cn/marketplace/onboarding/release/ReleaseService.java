package cn.marketplace.onboarding.release;

import static cn.marketplace.onboarding.rules.Finding.fail;

import cn.marketplace.onboarding.account.Publisher;
import cn.marketplace.onboarding.account.PublisherRepository;
import cn.marketplace.onboarding.catalog.ImageSources;
import cn.marketplace.onboarding.catalog.ImageVersionRepository;
import cn.marketplace.onboarding.catalog.Offer;
import cn.marketplace.onboarding.catalog.OfferRepository;
import cn.marketplace.onboarding.catalog.SkuRepository;
import cn.marketplace.onboarding.engine.EngineClock;
import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.engine.OnboardingProperties;
import cn.marketplace.onboarding.engine.ProductStarts;
import cn.marketplace.onboarding.process.OfferReleaseProcess;
import cn.marketplace.onboarding.release.ReleaseRefusedException.Reason;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.Findings;
import cn.marketplace.onboarding.rules.RuleId;
import cn.marketplace.onboarding.rules.RuleMessages;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
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

  static final int MAX_WINDOW = 200;
  static final int MAX_COMMENT = 2000;
  /** Staff read refusals in the marketplace's language, as their mails. */
  private static final Locale STAFF = RuleMessages.ZH_CN;

  private final OfferReleaseRepository releases;
  private final ReleasedSkus releasedSkus;
  private final OfferRepository offers;
  private final SkuRepository skus;
  private final ImageVersionRepository versions;
  private final ImageSources imageSources;
  private final PublisherRepository publishers;
  private final ReleaseTimes times;
  private final RuntimeService runtimeService;
  private final EngineClock clock;
  private final OnboardingProperties properties;

  ReleaseService(OfferReleaseRepository releases, ReleasedSkus releasedSkus, OfferRepository offers, SkuRepository skus,
      ImageVersionRepository versions, ImageSources imageSources, PublisherRepository publishers, ReleaseTimes times,
      RuntimeService runtimeService, EngineClock clock, OnboardingProperties properties) {
    this.releases = releases;
    this.releasedSkus = releasedSkus;
    this.offers = offers;
    this.skus = skus;
    this.versions = versions;
    this.imageSources = imageSources;
    this.publishers = publishers;
    this.times = times;
    this.runtimeService = runtimeService;
    this.clock = clock;
    this.properties = properties;
  }

  /** The publisher's fix after the review sent it back: the content it changed, checked again (NEXT-1). */
  @Transactional
  public void resubmit(OfferRelease release, Map<String, Object> changes) {
    ReleaseForm content = release.content(offerOf(release)).withContent(changes).normalized();
    List<Finding> findings = ReleaseContentChecks.check(content, pricingModels(release));
    if (Findings.anyFailed(findings)) {
      throw new ReleaseRefusedException(Reason.INVALID, findings, publisherLocale(release));
    }
    release.resubmit(content, clock.now());
    releases.save(release);
  }

  /** STG-1: the support team's decision; a rejection needs a comment for the publisher. True when approved. */
  @Transactional
  public boolean review(OfferRelease release, String decision, String comment, String reviewer) {
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
    releases.save(release);
    return approved;
  }

  /**
   * STG-2: the offer in the pre-release environment, a catalogue entry only its publisher sees, and
   * from now on the summaries of its SKUs locked (SKU-4). Answers the entry's address; a retry
   * answers the same.
   */
  @Transactional
  public String stage(OfferRelease release) {
    Instant now = clock.now();
    release.stage(properties.baseUrl() + "/api/publishers/" + release.getPublisherId() + "/offers/"
        + offerOf(release).getOfferId(), now);
    releases.save(release);
    for (ReleasedSku released : releasedSkus.of(release)) {
      skus.findById(released.getSkuRef()).ifPresent(sku -> {
        sku.lockSummary(now);
        skus.save(sku);
      });
    }
    return release.getStagingUrl();
  }

  /** STG-3: the publisher tested in staging, and asks for production in a preferred window or withdraws. */
  @Transactional
  public void verify(OfferRelease release, String decision, String preferredWindow) {
    Locale locale = publisherLocale(release);
    if ("requestProduction".equals(decision)) {
      release.requestProduction(window(preferredWindow, locale), clock.now());
      releases.save(release);
    } else if (!"withdraw".equals(decision)) {
      throw refuse(Reason.INVALID, locale, fail(RuleId.STG_3, "stagingDecision", "STG-3.decision", "stagingDecision"));
    }
  }

  /** REL-1: the release time the support team agreed with the publisher, checked; scheduling again moves it. */
  @Transactional
  public Instant schedule(OfferRelease release, String releaseAt, String supporter) {
    ReleaseTimes.Checked checked = times.check(releaseAt, clock.now());
    if (checked.finding().failed()) {
      throw refuse(Reason.INVALID, STAFF, checked.finding());
    }
    release.schedule(checked.at().orElseThrow(), supporter, clock.now());
    releases.save(release);
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
    releases.save(release);
    runtimeService.createMessageCorrelation(OfferReleaseProcess.RELEASE_TIME_CHANGE_REQUESTED)
        .processInstanceBusinessKey(releaseId).setVariable(OfferReleaseProcess.PREFERRED_WINDOW, release.getPreferredWindow()).correlateWithResult();
  }

  /** The publisher withdraws a release that asked for production, before its time; staging has its own decision. */
  @Transactional
  public void withdraw(String releaseId, Collection<String> callerGroups) {
    OfferRelease release = visible(releaseId, callerGroups);
    if (release.getState() != ReleaseState.SCHEDULED && release.getState() != ReleaseState.PRODUCTION_REQUESTED) {
      throw refuse(Reason.CONFLICT, publisherLocale(release), fail(RuleId.REL_1, "releaseId",
          "REL-1.not-withdrawable", "releaseId", release.getState().catalogueState()));
    }
    runtimeService.createMessageCorrelation(OfferReleaseProcess.RELEASE_WITHDRAWN)
        .processInstanceBusinessKey(releaseId).correlateWithResult();
  }

  /**
   * REL-1 at the agreed time: the catalogue entry goes live, replacing the offer's earlier live
   * release, and its image versions become RELEASED, which fixes their pricing (PRICE-5); their
   * submissions' SAS URIs are forgotten. A retry changes nothing.
   */
  @Transactional
  public OfferRelease goLive(OfferRelease release) {
    if (release.getState() != ReleaseState.SCHEDULED) {
      return release;
    }
    Instant now = clock.now();
    for (OfferRelease earlier : releases.findByOfferRefAndState(release.getOfferRef(), ReleaseState.LIVE)) {
      earlier.supersede(now);
      releases.save(earlier);
    }
    release.goLive(now);
    releases.save(release);
    for (ReleasedSku sku : releasedSkus.of(release)) {
      versions.findById(sku.getImageVersionRef()).ifPresent(version -> {
        version.markReleased();
        versions.save(version);
        imageSources.released(version);
      });
    }
    return release;
  }

  /** The release ended ({@code LIVE}, {@code WITHDRAWN}, {@code LAPSED}, {@code REJECTED}); answers its {@code releaseStatus}. */
  @Transactional
  public String close(OfferRelease release, ReleaseState end) {
    release.close(end, clock.now());
    releases.save(release);
    return end.releaseStatus();
  }

  /**
   * What each release task's form shows of the release: a task gets these fields only, since every
   * variable of a task is a row written, kept in history and deleted again when the task is done.
   */
  static final Map<String, Set<String>> TASK_FIELDS = Map.of(
      OfferReleaseProcess.REVIEW_SUBMISSION, shownWithContent(),
      OfferReleaseProcess.FIX_RELEASE, shownWithContent(OfferReleaseProcess.LAST_REVIEW_COMMENT),
      OfferReleaseProcess.VERIFY_STAGING,
      Set.of(OfferReleaseProcess.OFFER_NAME, OfferReleaseProcess.SKU_OVERVIEW, OfferReleaseProcess.STAGING_URL),
      OfferReleaseProcess.SCHEDULE_RELEASE, Set.of(OfferReleaseProcess.OFFER_NAME, OfferReleaseProcess.SKU_OVERVIEW,
          OfferReleaseProcess.REQUESTED_WINDOW, OfferReleaseProcess.RELEASE_AT_TEXT));

  private static Set<String> shownWithContent(String... more) {
    Set<String> fields = new HashSet<>(ReleaseForm.CONTENT_FIELDS);
    fields.addAll(List.of(OfferReleaseProcess.OFFER_NAME, OfferReleaseProcess.SKU_OVERVIEW));
    fields.addAll(List.of(more));
    return Set.copyOf(fields);
  }

  /** The fields of {@link #taskFields(OfferRelease)} that the form of {@code taskKey} shows; all for another task. */
  @Transactional(readOnly = true)
  public Map<String, Object> taskFields(OfferRelease release, String taskKey) {
    Map<String, Object> fields = taskFields(release);
    Set<String> shown = TASK_FIELDS.get(taskKey);
    if (shown != null) {
      fields.keySet().retainAll(shown);
    }
    return fields;
  }

  /**
   * What the release's forms show: the offer, its SKUs with their versions and reports, the content
   * and the state. Named apart from what the tasks complete with ({@code reviewComment},
   * {@code preferredWindow}), which the shown values would hide in the form.
   */
  private Map<String, Object> taskFields(OfferRelease release) {
    Offer offer = offerOf(release);
    Map<String, Object> fields = new HashMap<>(release.content(offer).contentVariables());
    fields.put(OfferReleaseProcess.OFFER_NAME, offer.getName());
    fields.put(OfferReleaseProcess.SKU_OVERVIEW, releasedSkus.of(release).stream()
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

  /** The release the product linked to this instance, if any. */
  public Optional<OfferRelease> findOfInstance(String processInstanceId) {
    return releases.findByProcessInstanceId(processInstanceId);
  }

  /**
   * The release an {@code offerRelease} step works on: the one linked to its instance in our tables,
   * never the variable; a variable naming another release or publisher stops the step. The step hands
   * it on to the service in its transaction, so that the step reads it once.
   */
  public OfferRelease ofStep(DelegateExecution execution) {
    OfferRelease release = findOfInstance(execution.getProcessInstanceId()).orElseThrow(() ->
        new IllegalStateException("Instance " + execution.getProcessInstanceId() + " has no release"));
    ProductStarts.requireSame(execution, OfferReleaseProcess.RELEASE_ID, release.getId());
    ProductStarts.requireSame(execution, OfferReleaseProcess.PUBLISHER_ID, release.getPublisherId());
    return release;
  }

  /** The offer a release is of. */
  public Offer offerOf(OfferRelease release) {
    return offers.findById(release.getOfferRef())
        .orElseThrow(() -> new IllegalStateException("no offer " + release.getOfferRef()));
  }

  /** The release if the caller may see it: its publisher's users and the support team. */
  @Transactional(readOnly = true)
  public OfferRelease visible(String releaseId, Collection<String> callerGroups) {
    return releases.findById(releaseId)
        .filter(r -> callerGroups.contains(Groups.SUPPORT) || callerGroups.contains(Publisher.groupOf(r.getPublisherId())))
        .orElseThrow(() -> new ReleaseNotFoundException("release " + releaseId));
  }

  private Set<String> pricingModels(OfferRelease release) {
    return releasedSkus.of(release).stream().map(ReleasedSku::getPricingModel).collect(Collectors.toSet());
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
