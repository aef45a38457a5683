package cn.marketplace.onboarding.submission;

import cn.marketplace.onboarding.catalog.ImageVersion;
import cn.marketplace.onboarding.catalog.ImageVersionNumber;
import cn.marketplace.onboarding.catalog.ImageVersionRepository;
import cn.marketplace.onboarding.catalog.Offer;
import cn.marketplace.onboarding.catalog.OfferRepository;
import cn.marketplace.onboarding.catalog.Sku;
import cn.marketplace.onboarding.catalog.SkuHistory;
import cn.marketplace.onboarding.catalog.SkuRepository;
import cn.marketplace.onboarding.account.Publisher;
import cn.marketplace.onboarding.account.PublisherRepository;
import cn.marketplace.onboarding.calendar.BusinessCalendar;
import cn.marketplace.onboarding.engine.AuthorizationGrants;
import cn.marketplace.onboarding.engine.EngineClock;
import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.engine.OnboardingProperties;
import cn.marketplace.onboarding.engine.ProductStarts;
import cn.marketplace.onboarding.submission.vhd.SasUri;
import cn.marketplace.onboarding.submission.vhd.SasUriChecks;
import cn.marketplace.onboarding.submission.vhd.VhdCheckReport;
import cn.marketplace.onboarding.submission.vhd.VhdCheckService;
import cn.marketplace.onboarding.submission.vhd.VhdDisk;
import cn.marketplace.onboarding.notification.MailService;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.Findings;
import cn.marketplace.onboarding.rules.Result;
import cn.marketplace.onboarding.rules.RuleId;
import cn.marketplace.onboarding.rules.RuleMessages;
import cn.marketplace.onboarding.security.SecretBox;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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

  public static final String PROCESS_KEY = ImageCertification.KEY;
  static final String SAS_EXPIRING_MAIL = "sas-expiring";
  /** Longer SAS URIs are no SAS URIs an ISV pasted; the limit also bounds what is stored. */
  static final int MAX_URI = 2048;
  private static final DateTimeFormatter MAIL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");

  private final SubmissionRepository submissions;
  private final OfferRepository offers;
  private final SkuRepository skus;
  private final ImageVersionRepository versions;
  private final PublisherRepository publishers;
  private final SubmissionChecks submissionChecks;
  private final VhdCheckService vhdChecks;
  private final SasUriChecks sasUriChecks;
  private final SecretBox secrets;
  private final RuntimeService runtimeService;
  private final AuthorizationGrants grants;
  private final MailService mails;
  private final EngineClock clock;
  private final BusinessCalendar calendar;
  private final OnboardingProperties properties;

  SubmissionService(SubmissionRepository submissions, OfferRepository offers, SkuRepository skus,
      ImageVersionRepository versions, PublisherRepository publishers, SubmissionChecks submissionChecks,
      VhdCheckService vhdChecks, SasUriChecks sasUriChecks, SecretBox secrets, RuntimeService runtimeService,
      AuthorizationGrants grants, MailService mails, EngineClock clock, BusinessCalendar calendar,
      OnboardingProperties properties) {
    this.submissions = submissions;
    this.offers = offers;
    this.skus = skus;
    this.versions = versions;
    this.publishers = publishers;
    this.submissionChecks = submissionChecks;
    this.vhdChecks = vhdChecks;
    this.sasUriChecks = sasUriChecks;
    this.secrets = secrets;
    this.runtimeService = runtimeService;
    this.grants = grants;
    this.mails = mails;
    this.clock = clock;
    this.calendar = calendar;
    this.properties = properties;
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
    refuseUnstorable(form);
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
    Checked checked = runChecks(submission.getPublisherId(), form, now, submissionId);
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
    return new CheckOutcome(decision, vhdChecks.expiryReminder(sasUris(form)));
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
    String publisherId = publisherIdOf(callerGroups).orElse(null);
    return runChecks(publisherId, form.normalized(), clock.now(), null).findings();
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
    fields.put(ImageCertification.CURRENT_SAS_URIS, maskedUris(form));
    return fields;
  }

  /** The submission's image version went live: its SAS URIs are kept no longer. */
  @Transactional
  public void imageReleased(String submissionId) {
    submissions.findById(submissionId).ifPresent(submission -> submission.forgetSasUris(clock.now()));
  }

  /** Mails the publisher that the SAS URIs of its submission run out soon (once per reminder step). */
  @Transactional
  public void remindSasExpiry(String submissionId, String idempotencyKey) {
    Submission submission = get(submissionId);
    SubmissionForm form = submission.reveal(secrets);
    Publisher publisher = publisher(submission);
    Instant expiry = vhdChecks.earliestExpiry(sasUris(form)).orElse(clock.now());
    Map<String, Object> model = new HashMap<>();
    model.put("companyName", publisher.getCompanyName());
    model.put("offerId", submission.getOfferId());
    model.put("skuId", submission.getSkuId());
    model.put("version", submission.getVersion());
    model.put("expiresAt", MAIL_TIME.format(expiry.atZone(calendar.zone())));
    model.put("maskedUris", maskedUris(form));
    model.put("baseUrl", properties.baseUrl());
    mails.send(idempotencyKey, SAS_EXPIRING_MAIL, publisher.getLanguage(), List.of(publisher.getContactEmail()),
        model);
  }

  /** The submission's status and findings, if the caller may see it: its publisher's users and the support team. */
  @Transactional(readOnly = true)
  public SubmissionStatus statusFor(String submissionId, Collection<String> callerGroups, boolean support) {
    Submission submission = submissions.findById(submissionId)
        .filter(s -> support || callerGroups.contains(Publisher.groupOf(s.getPublisherId())))
        .orElseThrow(() -> new SubmissionNotFoundException(submissionId));
    return new SubmissionStatus(submission.getId(), submission.getProcessInstanceId(), submission.getStatus().name(),
        submission.findings());
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
  public Optional<String> publisherIdOf(Collection<String> groups) {
    return groups.stream().filter(g -> g.startsWith("isv-")).map(g -> g.substring(4)).findFirst();
  }

  private String activePublisher(Collection<String> groups) {
    String publisherId = publisherIdOf(groups).orElseThrow(() -> new SubmissionRefusedException(
        SubmissionRefusedException.Reason.NOT_A_PUBLISHER,
        "[ACCT-2] Only a publisher's users may submit images; you belong to no publisher."));
    if (!publishers.findById(publisherId).map(Publisher::isActive).orElse(false)) {
      throw new SubmissionRefusedException(SubmissionRefusedException.Reason.NOT_ACTIVE,
          "[ACCT-2] Publisher " + publisherId + " may not publish yet: activate publishing with your Microsoft "
              + "partner ID first (ACT-2).");
    }
    return publisherId;
  }

  private Submission register(String publisherId, SubmissionForm submitted) {
    SubmissionForm form = submitted.normalized();
    refuseUnstorable(form);
    return submissions.save(Submission.register(publisherId, form, secrets, clock.now()));
  }

  /** Column sizes of the submission table: the rule checks name bad values, only longer ones refuse a submission. */
  private static final Map<String, Integer> STORABLE_LENGTHS = Map.ofEntries(Map.entry(ImageCertification.OFFER_ID, 50),
      Map.entry(ImageCertification.SKU_ID, 50), Map.entry(ImageCertification.OFFER_NAME, 100), Map.entry(ImageCertification.SKU_SUMMARY, 200), Map.entry(ImageCertification.OS_NAME, 100),
      Map.entry(ImageCertification.VM_SIZES, 200), Map.entry(ImageCertification.VERSION, 40), Map.entry(ImageCertification.VM_HOST, 253), Map.entry(ImageCertification.VM_USER, 64),
      Map.entry(ImageCertification.OS_VHD_URI, MAX_URI), Map.entry(ImageCertification.WINDOWS_RESULTS_URI, MAX_URI), Map.entry(ImageCertification.DATA_DISK_URIS, 12_000),
      Map.entry(ImageCertification.VM_PASSWORD, 500), Map.entry(ImageCertification.VM_PRIVATE_KEY, 10_000));

  private static void refuseUnstorable(SubmissionForm form) {
    Map<String, Object> values = new HashMap<>(form.publicFields());
    values.put(ImageCertification.OS_VHD_URI, form.osVhdUri());
    values.put(ImageCertification.WINDOWS_RESULTS_URI, form.windowsResultsUri());
    values.put(ImageCertification.DATA_DISK_URIS, form.dataDiskUris());
    values.put(ImageCertification.VM_PASSWORD, form.vmPassword());
    values.put(ImageCertification.VM_PRIVATE_KEY, form.vmPrivateKey());
    STORABLE_LENGTHS.forEach((field, max) -> {
      Object value = values.get(field);
      if (value != null && value.toString().length() > max) {
        throw new SubmissionRefusedException(SubmissionRefusedException.Reason.BAD_FIELD,
            field + ": at most " + max + " characters can be submitted");
      }
    });
  }

  private void attach(Submission submission, String processInstanceId) {
    submission.attachTo(processInstanceId);
    String group = Publisher.groupOf(submission.getPublisherId());
    // the instance was started in this same step: nobody holds a grant on it yet
    grants.createGroupGrant(group, Resources.PROCESS_INSTANCE, processInstanceId, Permissions.READ);
    grants.createGroupGrant(group, Resources.HISTORIC_PROCESS_INSTANCE, processInstanceId,
        HistoricProcessInstancePermissions.READ);
  }

  private record Checked(List<Finding> findings, VhdCheckReport vhds) {}

  /** Every check of {@code form}; {@code submissionId}, when stored, is left out of its SKU's history. */
  private Checked runChecks(String publisherId, SubmissionForm form, Instant now, String submissionId) {
    List<Finding> findings = new ArrayList<>(submissionChecks.check(publisherId, form,
        publisherId == null ? Optional.empty() : skuHistory(publisherId, form.skuId(), submissionId)));
    List<VhdDisk> disks = new ArrayList<>();
    disks.add(form.isWindows() ? VhdDisk.windowsOs(form.osVhdUri()) : VhdDisk.linuxOs(form.osVhdUri()));
    submissionChecks.readableDataDisks(form.dataDiskUris()).forEach((lun, uri) -> disks.add(VhdDisk.data(lun, uri)));
    VhdCheckReport vhds = vhdChecks.check(disks, now);
    findings.addAll(vhds.findings());
    if (form.isWindows()) {
      findings.addAll(sasUriChecks.checkFileUri("windowsResultsUri", form.windowsResultsUri(), now).findings());
    }
    return new Checked(findings, vhds);
  }

  /**
   * The SKU's earlier images, without the one of {@code submissionId}: a submission sent back after
   * its VHDs were accepted (a failed certification) is checked against the others only.
   */
  private Optional<SkuHistory> skuHistory(String publisherId, String skuId, String submissionId) {
    if (skuId == null) {
      return Optional.empty();
    }
    return skus.findByPublisherIdAndSkuId(publisherId, skuId).map(sku -> {
      List<ImageVersion> images = versions.findBySku(sku).stream()
          .filter(v -> !v.getSubmissionId().equals(submissionId)).toList();
      return new SkuHistory(sku.getOffer().getOfferId(), sku.getPricingModel(),
          images.stream().anyMatch(ImageVersion::isPublished),
          images.stream().map(v -> ImageVersionNumber.parse(v.getVersion())).flatMap(Optional::stream)
              .max(ImageVersionNumber::compareTo),
          sku.isSummaryLocked() ? Optional.of(sku.getSummary()) : Optional.empty());
    });
  }

  private Publisher publisher(Submission submission) {
    return publishers.findById(submission.getPublisherId())
        .orElseThrow(() -> new IllegalStateException("no publisher " + submission.getPublisherId()));
  }

  private List<String> sasUris(SubmissionForm form) {
    return Stream.concat(Stream.of(form.osVhdUri(), form.windowsResultsUri()),
            submissionChecks.readableDataDisks(form.dataDiskUris()).values().stream())
        .filter(Objects::nonNull).toList();
  }

  private String maskedUris(SubmissionForm form) {
    List<String> lines = new ArrayList<>();
    if (form.osVhdUri() != null) {
      lines.add("osVhd: " + SasUri.mask(form.osVhdUri()));
    }
    submissionChecks.readableDataDisks(form.dataDiskUris())
        .forEach((lun, uri) -> lines.add("lun" + lun + ": " + SasUri.mask(uri)));
    if (form.windowsResultsUri() != null) {
      lines.add("windowsResultsUri: " + SasUri.mask(form.windowsResultsUri()));
    }
    return String.join("\n", lines);
  }
}
