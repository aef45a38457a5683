package cn.marketplace.onboarding.certification;

import static cn.marketplace.onboarding.process.ImageCertification.WINDOWS_RESULTS_URI;

import cn.marketplace.onboarding.certification.linux.LinuxCertificationResult;
import cn.marketplace.onboarding.certification.linux.LinuxCertificationService;
import cn.marketplace.onboarding.certification.policy.CertificationPolicy;
import cn.marketplace.onboarding.certification.policy.SubmissionPolicies;
import cn.marketplace.onboarding.certification.report.CertificationReport;
import cn.marketplace.onboarding.certification.report.CertificationReportRepository;
import cn.marketplace.onboarding.certification.windows.WindowsCertificationResult;
import cn.marketplace.onboarding.certification.windows.WindowsCertificationService;
import cn.marketplace.onboarding.certification.windows.WindowsResults;
import cn.marketplace.onboarding.engine.EngineClock;
import cn.marketplace.onboarding.process.ImageCertification;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import cn.marketplace.onboarding.security.SecretBox;
import cn.marketplace.onboarding.submission.StorageUnavailableException;
import cn.marketplace.onboarding.submission.Submission;
import cn.marketplace.onboarding.submission.SubmissionForm;
import cn.marketplace.onboarding.submission.SubmissionRepository;
import cn.marketplace.onboarding.submission.SubmissionSteps;
import cn.marketplace.onboarding.submission.vhd.BlobText;
import cn.marketplace.onboarding.submission.vhd.BlobTextReader;
import cn.marketplace.onboarding.submission.vhd.InvalidSasUriException;
import cn.marketplace.onboarding.submission.vhd.SasUri;
import cn.marketplace.onboarding.submission.vhd.SasUriCheck;
import cn.marketplace.onboarding.submission.vhd.SasUriChecks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The certification runs of a submission whose VHDs were accepted (CERT-1, CERT-2, CERT-3, CERT-5): the
 * tests on the ISV's Linux or Windows VM over SSH, or the Windows certification tool's results from the
 * VHD's container, each judged by the submission's certification policy and kept as a report. What
 * follows a passed run, the questionnaire and the certified image, is {@link CertificationOutcome}'s.
 */
@Service
public class SubmissionCertification {

  private static final Logger log = LoggerFactory.getLogger(SubmissionCertification.class);
  /** What the VHD and submission checks found already and a Windows report repeats. */
  private static final Set<RuleId> WINDOWS_SUBMISSION_RULES = Set.of(RuleId.WIN_SIZE_1, RuleId.WIN_BASE_1);

  private final SubmissionRepository submissions;
  private final SubmissionSteps submissionSteps;
  private final CertificationReportRepository reports;
  private final LinuxCertificationService linux;
  private final WindowsResults windowsResults;
  private final WindowsCertificationService windows;
  private final SasUriChecks sasUriChecks;
  private final BlobTextReader blobs;
  private final SecretBox secrets;
  private final EngineClock clock;
  private final SubmissionPolicies policies;

  SubmissionCertification(SubmissionRepository submissions, SubmissionSteps submissionSteps,
      CertificationReportRepository reports, LinuxCertificationService linux, WindowsResults windowsResults,
      WindowsCertificationService windows, SasUriChecks sasUriChecks, BlobTextReader blobs, SecretBox secrets,
      EngineClock clock, SubmissionPolicies policies) {
    this.submissions = submissions;
    this.submissionSteps = submissionSteps;
    this.reports = reports;
    this.linux = linux;
    this.windowsResults = windowsResults;
    this.windows = windows;
    this.sasUriChecks = sasUriChecks;
    this.blobs = blobs;
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
  public CertificationReport certifyLinux(Submission submission) {
    CertificationPolicy policy = policies.forCertification(submission.getId(), clock.now());
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
  public CertificationReport certifyWindows(Submission submission) {
    CertificationPolicy policy = policies.forCertification(submission.getId(), clock.now());
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
  public String windowsCertificationOf(Submission submission) {
    return submission.holdsVmCredentials() ? ImageCertification.WINDOWS_BY_VM
        : ImageCertification.WINDOWS_BY_RESULTS_FILE;
  }

  /**
   * Reads and checks the Windows certification tool's results (CERT-5) through their SAS URI, checked
   * again as at submission (it may have expired since).
   *
   * @throws StorageUnavailableException when the storage did not answer: nothing is recorded, try again
   */
  @Transactional
  public CertificationReport checkWindows(Submission submission) {
    long started = System.nanoTime();
    SubmissionForm form = submission.reveal(secrets);
    Instant now = clock.now();
    CertificationPolicy policy = policies.forCertification(submission.getId(), now);
    List<Finding> findings = new ArrayList<>(submission.findings().stream()
        .filter(f -> WINDOWS_SUBMISSION_RULES.contains(f.ruleId())).toList());
    SasUriCheck uri = sasUriChecks.checkFileUri(WINDOWS_RESULTS_URI, form.windowsResultsUri(), now);
    findings.addAll(uri.findings());
    WindowsCertificationResult results = null;
    if (uri.readable().isPresent()) {
      findings.add(sameContainerAsOsVhd(form, uri.readable().get()));
      BlobText file = blobs.read(WINDOWS_RESULTS_URI, uri.readable().get(), WindowsResults.MAX_CHARS);
      if (file.transientFailure()) {
        throw new StorageUnavailableException(submission.getId());
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

  private CertificationReport record(Submission submission, CertificationReport report) {
    reports.save(report);
    submission.recordCertification(report.findings(), report.testsPassed(), clock.now());
    submissions.save(submission);
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

  /** The submission linked to the instance (checked against its start variables). */
  public Submission submissionOf(DelegateExecution execution) {
    return submissionSteps.ofStep(execution);
  }

}
