package cn.marketplace.onboarding.submission;

import cn.marketplace.onboarding.account.ActivePublishers;
import cn.marketplace.onboarding.account.Publisher;
import cn.marketplace.onboarding.account.PublisherRepository;
import cn.marketplace.onboarding.catalog.ImageVersion;
import cn.marketplace.onboarding.catalog.ImageVersionRepository;
import cn.marketplace.onboarding.catalog.Offer;
import cn.marketplace.onboarding.catalog.OfferRepository;
import cn.marketplace.onboarding.catalog.Sku;
import cn.marketplace.onboarding.catalog.SkuRepository;
import cn.marketplace.onboarding.engine.AuthorizationGrants;
import cn.marketplace.onboarding.engine.EngineClock;
import cn.marketplace.onboarding.engine.Groups;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Image submissions of active publishers: registered with their secrets encrypted, checked (the
 * submission rules and every VHD through the Storage SDK), sent back, reviewed and accepted as a new
 * image version of the publisher's offer and SKU.
 */
@Service
public class SubmissionService {

  public static final String PROCESS_KEY = "imageCertification";
  /** Longer SAS URIs are no SAS URIs an ISV pasted; the limit also bounds what is stored. */
  static final int MAX_URI = 2048;

  private final SubmissionRepository submissions;
  private final OfferRepository offers;
  private final SkuRepository skus;
  private final ImageVersionRepository versions;
  private final PublisherRepository publishers;
  private final ActivePublishers activePublishers;
  private final SubmissionCheckRun checkRun;
  private final VhdCheckService vhdChecks;
  private final SecretBox secrets;
  private final RuntimeService runtimeService;
  private final AuthorizationGrants grants;
  private final EngineClock clock;

  SubmissionService(SubmissionRepository submissions, OfferRepository offers, SkuRepository skus,
      ImageVersionRepository versions, PublisherRepository publishers, ActivePublishers activePublishers,
      SubmissionCheckRun checkRun, VhdCheckService vhdChecks, SecretBox secrets, RuntimeService runtimeService,
      AuthorizationGrants grants, EngineClock clock) {
    this.submissions = submissions;
    this.offers = offers;
    this.skus = skus;
    this.versions = versions;
    this.publishers = publishers;
    this.activePublishers = activePublishers;
    this.checkRun = checkRun;
    this.vhdChecks = vhdChecks;
    this.secrets = secrets;
    this.runtimeService = runtimeService;
    this.grants = grants;
    this.clock = clock;
  }

  /** A submission through the API: registered, then its {@code imageCertification} started with its id only. */
  @Transactional
  public SubmittedSubmission submit(Collection<String> callerGroups, SubmissionForm form) {
    Submission submission = register(activePublisher(callerGroups), form);
    ProcessInstance instance = ProductStarts.start(submission.getId(), () -> runtimeService.startProcessInstanceByKey(
        PROCESS_KEY, submission.getId(), Map.of(ImageCertification.SUBMISSION_ID, submission.getId(), ImageCertification.PUBLISHER_ID,
            submission.getPublisherId())));
    return new SubmittedSubmission(submission.getId(), instance.getId(), submission.getStatus().name());
  }

  /** The first step of an instance our API started for {@code submissionId}: links the submission to it. */
  @Transactional
  public void attachProductStart(String submissionId, String processInstanceId) {
    attach(get(submissionId), processInstanceId);
  }

  /** A submission from Tasklist's start form: its instance exists already. */
  @Transactional
  public Submission registerStarted(Collection<String> starterGroups, SubmissionForm form, String processInstanceId) {
    Submission submission = register(activePublisher(starterGroups), form);
    attach(submission, processInstanceId);
    return submission;
  }

  /** The ISV's fix: the fields it sent replace the stored ones; secrets sent empty stay as they were. */
  @Transactional
  public void amend(String submissionId, Map<String, Object> changedFields) {
    Submission submission = get(submissionId);
    SubmissionForm form = submission.publicForm().withChanges(changedFields).normalized();
    StorableLengths.refuseUnstorable(form);
    submission.update(form, secrets, clock.now());
  }

  /**
   * Runs every check on a stored submission and keeps the findings.
   *
   * @throws StorageUnavailableException when some storage did not answer: nothing is recorded, try again
   */
  @Transactional
  public CheckOutcome check(String submissionId) {
    Submission submission = get(submissionId);
    SubmissionForm form = submission.reveal(secrets);
    Instant now = clock.now();
    SubmissionCheckRun.Checked checked = checkRun.run(submission.getPublisherId(), form, now, submissionId);
    if (checked.vhds().transientFailure()) {
      throw new StorageUnavailableException(submissionId);
    }
    List<Finding> findings = checked.findings();
    String decision = Findings.anyFailed(findings) ? CheckOutcome.FIX
        : findings.stream().anyMatch(f -> f.ruleId() == RuleId.LNX_SIZE_1 && f.result() == Result.WARNING)
            ? CheckOutcome.REVIEW : CheckOutcome.ACCEPTED;
    submission.recordCheck(findings, switch (decision) {
      case CheckOutcome.FIX -> Submission.Status.NEEDS_FIX;
      case CheckOutcome.REVIEW -> Submission.Status.IN_REVIEW;
      default -> Submission.Status.REGISTERED;
    }, now);
    return new CheckOutcome(decision, vhdChecks.expiryReminder(checkRun.sasUris(form)));
  }

  /**
   * Every check of a submission that is not stored: the dry run of {@code POST /api/submissions/check},
   * open to publishers (active or not yet) and the support team.
   */
  public List<Finding> dryRun(Collection<String> callerGroups, SubmissionForm form) {
    if (!callerGroups.contains(Groups.PUBLISHERS) && !callerGroups.contains(Groups.SUPPORT)) {
      throw new SubmissionRefusedException(SubmissionRefusedException.Reason.NOT_A_PUBLISHER,
          "Only publishers and the marketplace support team may check submissions.");
    }
    String publisherId = Groups.publisherIdOf(callerGroups).orElse(null);
    return checkRun.run(publisherId, form.normalized(), clock.now(), null).findings();
  }

  /** A reviewer sent the submission back (LNX-SIZE-1 over 50 GB refused) with a comment for the ISV. */
  @Transactional
  public void sendBack(String submissionId, String comment) {
    get(submissionId).sendBack(comment, clock.now());
  }

  /** The VHDs are accepted: the offer, the SKU and the image version exist from now on. */
  @Transactional
  public ImageVersion accept(String submissionId) {
    Submission submission = get(submissionId);
    Instant now = clock.now();
    Offer offer = offers.findByPublisherIdAndOfferId(submission.getPublisherId(), submission.getOfferId())
        .orElseGet(() -> offers.save(new Offer(submission.getPublisherId(), submission.getOfferId(),
            submission.getOfferName(), now)));
    offer.rename(submission.getOfferName(), now);
    Sku sku = skus.findByPublisherIdAndSkuId(submission.getPublisherId(), submission.getSkuId())
        .orElseGet(() -> new Sku(offer, submission.getSkuId(), now));
    sku.describe(submission.getSkuSummary(), submission.getPricingModel(), submission.getTrialDays(),
        submission.getOsFamily(), now);
    sku.declareImageType(submission.getImageType(), now);
    skus.save(sku);
    submission.accept(now);
    // a submission that failed certification comes back here after its fix: it keeps its version row
    ImageVersion version = versions.findBySubmissionId(submission.getId())
        .orElseGet(() -> new ImageVersion(sku, submission.getVersion(), submission.getId(), now));
    version.resubmitted(sku, submission.getVersion());
    return versions.save(version);
  }

  /**
   * What the fix form shows: the non-secret fields to edit, the SAS URIs masked, and every finding
   * that is not a pass, in the publisher's language.
   */
  @Transactional(readOnly = true)
  public Map<String, Object> fixFormFields(String submissionId) {
    Submission submission = get(submissionId);
    SubmissionForm form = submission.reveal(secrets);
    Locale locale = RuleMessages.locale(publisher(submission).getLanguage());
    Map<String, Object> fields = new HashMap<>(form.publicFields());
    fields.put(ImageCertification.FINDINGS_SUMMARY, Findings.sorted(submission.findings()).stream()
        .filter(f -> f.result() != Result.PASS)
        .map(f -> "- " + RuleMessages.render(f, locale))
        .collect(Collectors.joining("\n")));
    fields.put("currentSasUris", checkRun.maskedUris(form));
    return fields;
  }

  /** The submission's image version went live: its SAS URIs are kept no longer. */
  @Transactional
  public void imageReleased(String submissionId) {
    submissions.findById(submissionId).ifPresent(submission -> submission.forgetSasUris(clock.now()));
  }

  /** The instance of a submission ended, whichever way: the submission linked to it keeps its VM credentials no longer. */
  @Transactional
  public void closeOfInstance(String processInstanceId) {
    submissions.findByProcessInstanceId(processInstanceId).ifPresent(submission -> submission.close(clock.now()));
  }

  /** The submission's status and findings, if the caller may see it: its publisher's users and the support team. */
  @Transactional(readOnly = true)
  public SubmissionStatus statusFor(String submissionId, Collection<String> callerGroups, boolean support) {
    Submission submission = submissions.findById(submissionId)
        .filter(s -> support || callerGroups.contains(Publisher.groupOf(s.getPublisherId())))
        .orElseThrow(() -> new SubmissionNotFoundException(submissionId));
    return new SubmissionStatus(submission.getId(), submission.getProcessInstanceId(), submission.getStatus().name(),
        submission.findings(), submission.getImageType());
  }

  /** The submission the product linked to this instance, if any (none before a caller's start registered it). */
  public Optional<Submission> findOfInstance(String processInstanceId) {
    return submissions.findByProcessInstanceId(processInstanceId);
  }

  /**
   * The id of the submission an {@code imageCertification} step works on: the one linked to its instance
   * in our tables, never the variable; a variable naming another submission or publisher stops the step.
   */
  public String idOf(DelegateExecution execution) {
    Submission submission = findOfInstance(execution.getProcessInstanceId()).orElseThrow(() ->
        new IllegalStateException("Instance " + execution.getProcessInstanceId() + " has no submission"));
    ProductStarts.requireSame(execution, ImageCertification.SUBMISSION_ID, submission.getId());
    ProductStarts.requireSame(execution, ImageCertification.PUBLISHER_ID, submission.getPublisherId());
    return submission.getId();
  }

  public Submission get(String submissionId) {
    return submissions.findById(submissionId)
        .orElseThrow(() -> new IllegalStateException("no submission " + submissionId));
  }

  /** The publisher of the caller's {@code isv-<id>} group, if the caller has one. */
  private String activePublisher(Collection<String> groups) {
    ActivePublishers.Standing standing = activePublishers.of(groups, RuleId.ACCT_2);
    if (!standing.active()) {
      throw new SubmissionRefusedException(standing.refused() == ActivePublishers.Refused.NOT_ACTIVE
          ? SubmissionRefusedException.Reason.NOT_ACTIVE : SubmissionRefusedException.Reason.NOT_A_PUBLISHER,
          standing.finding());
    }
    return standing.publisher().getId();
  }

  private Submission register(String publisherId, SubmissionForm submitted) {
    SubmissionForm form = submitted.normalized();
    StorableLengths.refuseUnstorable(form);
    return submissions.save(Submission.register(publisherId, form, secrets, clock.now()));
  }

  private void attach(Submission submission, String processInstanceId) {
    submission.attachTo(processInstanceId);
    String group = Publisher.groupOf(submission.getPublisherId());
    // the instance was started in this same step: nobody holds a grant on it yet
    grants.createGroupGrant(group, Resources.PROCESS_INSTANCE, processInstanceId, Permissions.READ);
    grants.createGroupGrant(group, Resources.HISTORIC_PROCESS_INSTANCE, processInstanceId,
        HistoricProcessInstancePermissions.READ);
  }

  private Publisher publisher(Submission submission) {
    return publishers.findById(submission.getPublisherId())
        .orElseThrow(() -> new IllegalStateException("no publisher " + submission.getPublisherId()));
  }

}
