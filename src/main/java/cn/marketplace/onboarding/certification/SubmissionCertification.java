package cn.marketplace.onboarding.certification;

import static cn.marketplace.onboarding.process.ImageCertification.WINDOWS_RESULTS_URI;

import cn.marketplace.onboarding.catalog.ImageVersionRepository;
import cn.marketplace.onboarding.process.ImageCertification;
import cn.marketplace.onboarding.submission.StorageUnavailableException;
import cn.marketplace.onboarding.submission.Submission;
import cn.marketplace.onboarding.submission.SubmissionForm;
import cn.marketplace.onboarding.submission.SubmissionRepository;
import cn.marketplace.onboarding.submission.SubmissionSteps;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import cn.marketplace.onboarding.engine.ProductStarts;
import cn.marketplace.onboarding.account.Publisher;
import cn.marketplace.onboarding.account.PublisherRepository;
import cn.marketplace.onboarding.certification.report.CertificationReport;
import cn.marketplace.onboarding.certification.report.CertificationReportDocuments;
import cn.marketplace.onboarding.certification.report.CertificationReportRepository;
import cn.marketplace.onboarding.certification.report.CertificationReportView;
import cn.marketplace.onboarding.certification.linux.LinuxCertificationResult;
import cn.marketplace.onboarding.certification.linux.LinuxCertificationService;
import cn.marketplace.onboarding.certification.policy.CertificationPolicy;
import cn.marketplace.onboarding.certification.policy.SubmissionPolicies;
import cn.marketplace.onboarding.certification.report.Questionnaire;
import cn.marketplace.onboarding.certification.report.ReportPublisher;
import cn.marketplace.onboarding.certification.report.ReportViews;
import cn.marketplace.onboarding.certification.windows.WindowsCertificationResult;
import cn.marketplace.onboarding.certification.windows.WindowsCertificationService;
import cn.marketplace.onboarding.certification.windows.WindowsResults;
import cn.marketplace.onboarding.engine.EngineClock;
import cn.marketplace.onboarding.submission.vhd.BlobText;
import cn.marketplace.onboarding.submission.vhd.BlobTextReader;
import cn.marketplace.onboarding.submission.vhd.InvalidSasUriException;
import cn.marketplace.onboarding.submission.vhd.SasUri;
import cn.marketplace.onboarding.submission.vhd.SasUriCheck;
import cn.marketplace.onboarding.submission.vhd.SasUriChecks;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import cn.marketplace.onboarding.rules.RuleMessages;
import cn.marketplace.onboarding.security.SecretBox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The certification of a submission whose VHDs were accepted (CERT-1..5): the tests on the ISV's
 * Linux VM over SSH, or the Windows certification tool's results from the VHD's container; a report
 * per run; the questionnaire; and, once answered, the certified image version, the published report
 * and the VM credentials forgotten.
 */
@Service
public class SubmissionCertification {

  private static final Logger log = LoggerFactory.getLogger(SubmissionCertification.class);
  /** What the VHD and submission checks found already and a Windows report repeats. */
  private static final Set<RuleId> WINDOWS_SUBMISSION_RULES = Set.of(RuleId.WIN_SIZE_1, RuleId.WIN_BASE_1);

  private final SubmissionRepository submissions;
  private final SubmissionSteps submissionSteps;
  private final ImageVersionRepository versions;
  private final PublisherRepository publishers;
  private final CertificationReportRepository reports;
  private final LinuxCertificationService linux;
  private final WindowsResults windowsResults;
  private final WindowsCertificationService windows;
  private final SasUriChecks sasUriChecks;
  private final BlobTextReader blobs;
  private final CertificationReportDocuments documents;
  private final ReportViews reportViews;
  private final ReportPublisher publisher;
  private final SecretBox secrets;
  private final EngineClock clock;
  private final SubmissionPolicies policies;

  SubmissionCertification(SubmissionRepository submissions, SubmissionSteps submissionSteps,
      ImageVersionRepository versions,
      PublisherRepository publishers, CertificationReportRepository reports, LinuxCertificationService linux,
      WindowsResults windowsResults, WindowsCertificationService windows,
      SasUriChecks sasUriChecks, BlobTextReader blobs,
      CertificationReportDocuments documents, ReportViews reportViews, ReportPublisher publisher, SecretBox secrets, EngineClock clock,
      SubmissionPolicies policies) {
    this.submissions = submissions;
    this.submissionSteps = submissionSteps;
    this.versions = versions;
    this.publishers = publishers;
    this.reports = reports;
    this.linux = linux;
    this.windowsResults = windowsResults;
    this.windows = windows;
    this.sasUriChecks = sasUriChecks;
    this.blobs = blobs;
    this.documents = documents;
    this.reportViews = reportViews;
    this.publisher = publisher;
    this.secrets = secrets;
    this.clock = clock;
    this.policies = policies;
  }

  /**
   * Tests the submission's Linux VM over SSH with the host key recorded by its first run (trust on
   * first use: a changed key fails CERT-2). A VM that refuses, rejects the login or is not there is a
   * finding for the ISV.
   *
   * @throws cn.marketplace.onboarding.certification.linux.VmNotAnsweringException when the VM does not
   *     answer in time: nothing is recorded, try again
   */
  @Transactional
  public CertificationReport certifyLinux(String submissionId) {
    Submission submission = get(submissionId);
    CertificationPolicy policy = policies.forCertification(submissionId, clock.now());
    LinuxCertificationResult run = linux.run(submission.vmAccess(secrets), submission.getVmHostKey(), policy,
        submission.getImageType());
    if (run.hostKeyFirstSeen()) {
      submission.trustHostKey(run.hostKeyFingerprint());
    }
    return record(submission, CertificationReport.ofLinuxRun(submission.image(), run, clock.now()));
  }

  /**
   * Runs every Windows check on the submission's Windows VM over SSH, as {@link #certifyLinux} does
   * for Linux: the same host-key trust, and the VM's password used for the login only.
   *
   * @throws cn.marketplace.onboarding.certification.linux.VmNotAnsweringException when the VM does not
   *     answer in time: nothing is recorded, try again
   */
  @Transactional
  public CertificationReport certifyWindows(String submissionId) {
    Submission submission = get(submissionId);
    CertificationPolicy policy = policies.forCertification(submissionId, clock.now());
    LinuxCertificationResult run = windows.run(submission.vmAccess(secrets), submission.getVmHostKey(), policy);
    if (run.hostKeyFirstSeen()) {
      submission.trustHostKey(run.hostKeyFingerprint());
    }
    List<Finding> findings = new ArrayList<>(submission.findings().stream()
        .filter(f -> WINDOWS_SUBMISSION_RULES.contains(f.ruleId()) && f.ruleId() != RuleId.WIN_BASE_1).toList());
    findings = new ArrayList<>(policy.judge(findings));
    findings.addAll(run.findings());
    LinuxCertificationResult withSubmission = new LinuxCertificationResult(policy.ref(), findings, run.certified(),
        run.hostKeyFingerprint(), run.hostKeyFirstSeen(), run.distribution(), run.roundTrips(), run.connectTime(),
        run.probeTime(), run.totalTime());
    return record(submission, CertificationReport.ofLinuxRun(submission.image(), withSubmission, clock.now()));
  }

  /** How the submission's Windows image is certified: on its VM when the ISV gave one, else from the tool's results. */
  @Transactional(readOnly = true)
  public String windowsCertificationOf(String submissionId) {
    return get(submissionId).holdsVmCredentials() ? ImageCertification.WINDOWS_BY_VM
        : ImageCertification.WINDOWS_BY_RESULTS_FILE;
  }

  /**
   * Reads and checks the Windows certification tool's results (CERT-5) through their SAS URI, checked
   * again as at submission (it may have expired since).
   *
   * @throws StorageUnavailableException when the storage did not answer: nothing is recorded, try again
   */
  @Transactional
  public CertificationReport checkWindows(String submissionId) {
    long started = System.nanoTime();
    Submission submission = get(submissionId);
    SubmissionForm form = submission.reveal(secrets);
    Instant now = clock.now();
    CertificationPolicy policy = policies.forCertification(submissionId, now);
    List<Finding> findings = new ArrayList<>(submission.findings().stream()
        .filter(f -> WINDOWS_SUBMISSION_RULES.contains(f.ruleId())).toList());
    SasUriCheck uri = sasUriChecks.checkFileUri(WINDOWS_RESULTS_URI, form.windowsResultsUri(), now);
    findings.addAll(uri.findings());
    WindowsCertificationResult results = null;
    if (uri.readable().isPresent()) {
      findings.add(sameContainerAsOsVhd(form, uri.readable().get()));
      BlobText file = blobs.read(WINDOWS_RESULTS_URI, uri.readable().get(), WindowsResults.MAX_CHARS);
      if (file.transientFailure()) {
        throw new StorageUnavailableException(submissionId);
      }
      findings.addAll(file.findings());
      results = file.text().map(windowsResults::read).orElse(null);
    }
    if (results == null) {
      findings.add(Finding.fail(RuleId.CERT_3, "vm", "CERT-3.windows.results-unread"));
    } else {
      findings.addAll(results.findings());
    }
    findings = new ArrayList<>(policy.judge(findings));
    CertificationReport report = CertificationReport.ofWindowsResults(submission.image(), policy.ref(), findings,
        results == null ? null : results.os(), results == null ? null : results.toolVersion(),
        Duration.ofNanos(System.nanoTime() - started), now);
    return record(submission, report);
  }

  /**
   * What the questionnaire form shows, as task variables: the OS family, the distribution and each
   * warning of the tests in the publisher's language, one per explanation field.
   */
  @Transactional(readOnly = true)
  public Map<String, Object> questionnaireFields(String reportId) {
    CertificationReport report = report(reportId);
    Locale locale = RuleMessages.locale(publisher(report.getPublisherId()).getLanguage());
    List<String> warnings = Questionnaire.warningTexts(report.warnings(), locale);
    Map<String, Object> fields = new HashMap<>();
    fields.put(ImageCertification.OS_FAMILY, report.image().osFamily());
    fields.put(ImageCertification.DISTRIBUTION, report.getDistribution());
    fields.put(ImageCertification.WARNING_COUNT, report.warnings().size());
    fields.put(ImageCertification.WARNINGS_SUMMARY, warnings.isEmpty() ? RuleMessages.text("CERT-4.no-warnings", locale)
        : warnings.stream().map(w -> "- " + w).collect(Collectors.joining("\n")));
    for (int i = 0; i < warnings.size(); i++) {
      fields.put(Questionnaire.warningKey(i + 1), warnings.get(i));
    }
    return fields;
  }

  /**
   * Keeps the questionnaire's answers with the report.
   *
   * @throws org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException naming what is missing
   */
  @Transactional
  public void answer(String reportId, Map<String, Object> formVariables) {
    CertificationReport report = report(reportId);
    boolean isLinux = "linux".equals(report.image().osFamily());
    Map<String, Object> answers = Questionnaire.read(formVariables, report.warnings(), isLinux);
    report.answer(documents.answersJson(answers), clock.now());
  }

  /**
   * Certifies the image: the report is complete and published, the image version is certified and the
   * submission's VM credentials are forgotten. Idempotent: a retry publishes the same blobs again.
   */
  @Transactional
  public CertificationReport certify(String reportId) {
    CertificationReport report = report(reportId);
    Instant now = clock.now();
    report.certify(now);
    publisher.publish(report, documents.json(report), documents.html(report))
        .ifPresent(published -> report.publishedAs(published.jsonBlob(), published.htmlBlob()));
    versions.findBySubmissionId(report.getSubmissionId())
        .orElseThrow(() -> new IllegalStateException("no image version for submission " + report.getSubmissionId()))
        .certify();
    get(report.getSubmissionId()).certify(now);
    log.info("Submission {} certified, report {}", report.getSubmissionId(), report.getId());
    return report;
  }

  /** The latest report of a submission, with messages in {@code locale}; check the caller's access first. */
  public Optional<CertificationReportView> latestReport(String submissionId, Locale locale) {
    return reportViews.latest(submissionId, locale);
  }

  private CertificationReport record(Submission submission, CertificationReport report) {
    reports.save(report);
    submission.recordCertification(report.findings(), report.testsPassed(), clock.now());
    return report;
  }

  /** CERT-5: the tool's results are kept in the same container as the VHD. */
  private static Finding sameContainerAsOsVhd(SubmissionForm form, SasUri results) {
    try {
      SasUri osVhd = SasUri.parse(form.osVhdUri());
      boolean same = osVhd.host().equals(results.host()) && osVhd.accountName().equals(results.accountName())
          && osVhd.containerName().equals(results.containerName());
      return same ? Finding.pass(RuleId.CERT_5, WINDOWS_RESULTS_URI, "CERT-5.same-container", results.containerName())
          : Finding.warning(RuleId.CERT_5, WINDOWS_RESULTS_URI, "CERT-5.other-container", results.containerName(),
              osVhd.containerName());
    } catch (InvalidSasUriException e) {
      return Finding.warning(RuleId.CERT_5, WINDOWS_RESULTS_URI, "CERT-5.other-container", results.containerName(), "-");
    }
  }

  /**
   * The certification report a step of this instance works on: the one the variable names, if it is a
   * report of the submission linked to the instance in our tables; any other stops the step.
   */
  /** The submission linked to the instance (checked against its start variables). */
  public String submissionIdOf(DelegateExecution execution) {
    return submissionSteps.idOf(execution);
  }

  public String reportIdOf(DelegateExecution execution) {
    String reportId = (String) execution.getVariable(ImageCertification.CERTIFICATION_REPORT_ID);
    Submission submission = submissions.findByProcessInstanceId(execution.getProcessInstanceId())
        .orElseThrow(() -> new IllegalStateException("Instance " + execution.getProcessInstanceId()
            + " has no submission"));
    ProductStarts.requireSame(execution, ImageCertification.SUBMISSION_ID, submission.getId());
    ProductStarts.requireSame(execution, ImageCertification.PUBLISHER_ID, submission.getPublisherId());
    CertificationReport report = reportId == null ? null : reports.findById(reportId).orElse(null);
    if (report == null || !report.getSubmissionId().equals(submission.getId())) {
      throw new IllegalStateException("Instance " + execution.getProcessInstanceId() + ": certificationReportId "
          + reportId + " is no report of its submission " + submission.getId() + "; refusing the step");
    }
    return reportId;
  }

  private Submission get(String submissionId) {
    return submissions.findById(submissionId)
        .orElseThrow(() -> new IllegalStateException("no submission " + submissionId));
  }

  private CertificationReport report(String reportId) {
    return reports.findById(reportId).orElseThrow(() -> new IllegalStateException("no report " + reportId));
  }

  private Publisher publisher(String publisherId) {
    return publishers.findById(publisherId)
        .orElseThrow(() -> new IllegalStateException("no publisher " + publisherId));
  }
}
