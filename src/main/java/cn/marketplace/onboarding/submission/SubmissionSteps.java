package cn.marketplace.onboarding.submission;

import cn.marketplace.onboarding.account.Publisher;
import cn.marketplace.onboarding.account.PublisherRepository;
import cn.marketplace.onboarding.catalog.ImageVersion;
import cn.marketplace.onboarding.catalog.ImageVersionRepository;
import cn.marketplace.onboarding.catalog.Offer;
import cn.marketplace.onboarding.catalog.OfferRepository;
import cn.marketplace.onboarding.catalog.Sku;
import cn.marketplace.onboarding.catalog.SkuRepository;
import cn.marketplace.onboarding.engine.EngineClock;
import cn.marketplace.onboarding.engine.ProductStarts;
import cn.marketplace.onboarding.process.ImageCertification;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.Findings;
import cn.marketplace.onboarding.rules.Result;
import cn.marketplace.onboarding.rules.RuleId;
import cn.marketplace.onboarding.rules.RuleMessages;
import cn.marketplace.onboarding.security.SecretBox;
import cn.marketplace.onboarding.submission.vhd.VhdCheckService;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The steps of {@code imageCertification} on a registered submission, for its delegates and listeners:
 * fixed, checked (the submission rules and every VHD through the Storage SDK), sent back, reviewed and
 * accepted as a new image version of the publisher's offer and SKU, closed with its instance.
 */
@Service
public class SubmissionSteps {

  private final SubmissionRepository submissions;
  private final OfferRepository offers;
  private final SkuRepository skus;
  private final ImageVersionRepository versions;
  private final PublisherRepository publishers;
  private final SubmissionCheckRun checkRun;
  private final VhdCheckService vhdChecks;
  private final SecretBox secrets;
  private final EngineClock clock;

  SubmissionSteps(SubmissionRepository submissions, OfferRepository offers, SkuRepository skus,
      ImageVersionRepository versions, PublisherRepository publishers, SubmissionCheckRun checkRun,
      VhdCheckService vhdChecks, SecretBox secrets, EngineClock clock) {
    this.submissions = submissions;
    this.offers = offers;
    this.skus = skus;
    this.versions = versions;
    this.publishers = publishers;
    this.checkRun = checkRun;
    this.vhdChecks = vhdChecks;
    this.secrets = secrets;
    this.clock = clock;
  }

  /** The ISV's fix: the fields it sent replace the stored ones; secrets sent empty stay as they were. */
  @Transactional
  public void amend(Submission submission, Map<String, Object> changedFields) {
    SubmissionForm form = submission.publicForm().withChanges(changedFields).normalized();
    StorableLengths.refuseUnstorable(form);
    submission.update(form, secrets, clock.now());
    submissions.save(submission);
  }

  /**
   * Runs every check on a stored submission and keeps the findings.
   *
   * @throws StorageUnavailableException when some storage did not answer: nothing is recorded, try again
   */
  @Transactional
  public CheckOutcome check(Submission submission) {
    SubmissionForm form = submission.reveal(secrets);
    Instant now = clock.now();
    SubmissionCheckRun.Checked checked = checkRun.run(submission.getPublisherId(), form, now, submission.getId());
    if (checked.vhds().transientFailure()) {
      throw new StorageUnavailableException(submission.getId());
    }
    List<Finding> findings = checked.findings();
    String decision = Findings.anyFailed(findings) ? CheckOutcome.FIX
        : findings.stream().anyMatch(f -> f.ruleId() == RuleId.LNX_SIZE_1 && f.result() == Result.WARNING)
            ? CheckOutcome.REVIEW : CheckOutcome.ACCEPTED;
    submission.recordCheck(findings, switch (decision) {
      case CheckOutcome.FIX -> Submission.Status.NEEDS_FIX;
      case CheckOutcome.REVIEW -> Submission.Status.IN_REVIEW;
      default -> Submission.Status.REGISTERED;
    }, checked.earliestSasExpiry().orElse(null), now);
    submissions.save(submission);
    return new CheckOutcome(decision, checked.earliestSasExpiry().map(vhdChecks::expiryReminder));
  }

  /** A reviewer sent the submission back (LNX-SIZE-1 over 50 GB refused) with a comment for the ISV. */
  @Transactional
  public void sendBack(Submission submission, String comment) {
    submission.sendBack(comment, clock.now());
    submissions.save(submission);
  }

  /** The VHDs are accepted: the offer, the SKU and the image version exist from now on. */
  @Transactional
  public ImageVersion accept(Submission submission) {
    Instant now = clock.now();
    Offer offer = offers.findByPublisherIdAndOfferId(submission.getPublisherId(), submission.getOfferId())
        .orElseGet(() -> new Offer(submission.getPublisherId(), submission.getOfferId(), submission.getOfferName(),
            now));
    offer.rename(submission.getOfferName(), now);
    offers.save(offer);
    Sku sku = skus.findByPublisherIdAndSkuId(submission.getPublisherId(), submission.getSkuId())
        .orElseGet(() -> new Sku(offer, submission.getSkuId(), now));
    sku.describe(submission.getSkuSummary(), submission.getPricingModel(), submission.getTrialDays(),
        submission.getOsFamily(), now);
    sku.declareImageType(submission.getImageType(), now);
    skus.save(sku);
    submission.accept(now);
    submissions.save(submission);
    // a submission that failed certification comes back here after its fix: it keeps its version row
    ImageVersion version = versions.findBySubmissionId(submission.getId())
        .orElseGet(() -> new ImageVersion(sku, submission.getVersion(), submission.getId(), now));
    version.resubmitted(sku, submission.getVersion());
    return versions.save(version);
  }

  /** The SKU an image version is of. */
  public Sku skuOf(ImageVersion version) {
    return skus.findById(version.getSkuRef())
        .orElseThrow(() -> new IllegalStateException("no SKU " + version.getSkuRef()));
  }

  /**
   * What the size review's form shows of the submission; the fix form shows all of {@link #fixFormFields}.
   * Every variable of a task is a row written, kept in history and deleted again when the task is done.
   */
  static final Set<String> SIZE_REVIEW_FIELDS = Set.of(ImageCertification.OFFER_ID, ImageCertification.SKU_ID,
      ImageCertification.VERSION, ImageCertification.OS_NAME, ImageCertification.FINDINGS_SUMMARY,
      ImageCertification.CURRENT_SAS_URIS);

  /** The fields of {@link #fixFormFields} that the form of {@code taskKey} shows. */
  @Transactional(readOnly = true)
  public Map<String, Object> taskFields(Submission submission, String taskKey) {
    Map<String, Object> fields = fixFormFields(submission);
    if (ImageCertification.REVIEW_IMAGE_SIZE.equals(taskKey)) {
      fields.keySet().retainAll(SIZE_REVIEW_FIELDS);
    }
    return fields;
  }

  /**
   * What the fix form shows: the non-secret fields to edit, the SAS URIs masked, and every finding
   * that is not a pass, in the publisher's language.
   */
  private Map<String, Object> fixFormFields(Submission submission) {
    SubmissionForm form = submission.reveal(secrets);
    Locale locale = RuleMessages.locale(publisher(submission).getLanguage());
    Map<String, Object> fields = new HashMap<>(form.publicFields());
    fields.put(ImageCertification.FINDINGS_SUMMARY, Findings.sorted(submission.findings()).stream()
        .filter(f -> f.result() != Result.PASS)
        .map(f -> "- " + RuleMessages.render(f, locale))
        .collect(Collectors.joining("\n")));
    fields.put(ImageCertification.CURRENT_SAS_URIS, checkRun.maskedUris(form));
    return fields;
  }

  /** The instance of a submission ended, whichever way: the submission linked to it keeps its VM credentials no longer. */
  @Transactional
  public void closeOfInstance(String processInstanceId) {
    submissions.findByProcessInstanceId(processInstanceId).ifPresent(submission -> {
      submission.close(clock.now());
      submissions.save(submission);
    });
  }

  /** The submission the product linked to this instance, if any (none before a caller's start registered it). */
  public Optional<Submission> findOfInstance(String processInstanceId) {
    return submissions.findByProcessInstanceId(processInstanceId);
  }

  /**
   * The submission an {@code imageCertification} step works on: the one linked to its instance in our
   * tables, never the variable; a variable naming another submission or publisher stops the step. The
   * step hands it on to the service in its transaction, so that the step reads it once.
   */
  public Submission ofStep(DelegateExecution execution) {
    Submission submission = findOfInstance(execution.getProcessInstanceId()).orElseThrow(() ->
        new IllegalStateException("Instance " + execution.getProcessInstanceId() + " has no submission"));
    ProductStarts.requireSame(execution, ImageCertification.SUBMISSION_ID, submission.getId());
    ProductStarts.requireSame(execution, ImageCertification.PUBLISHER_ID, submission.getPublisherId());
    return submission;
  }

  private Publisher publisher(Submission submission) {
    return publishers.findById(submission.getPublisherId())
        .orElseThrow(() -> new IllegalStateException("no publisher " + submission.getPublisherId()));
  }
}
