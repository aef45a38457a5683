package cn.marketplace.onboarding.certification;

import cn.marketplace.onboarding.account.Publisher;
import cn.marketplace.onboarding.account.PublisherRepository;
import cn.marketplace.onboarding.catalog.ImageVersion;
import cn.marketplace.onboarding.catalog.ImageVersionRepository;
import cn.marketplace.onboarding.certification.report.CertificationReport;
import cn.marketplace.onboarding.certification.report.CertificationReportDocuments;
import cn.marketplace.onboarding.certification.report.CertificationReportRepository;
import cn.marketplace.onboarding.certification.report.Questionnaire;
import cn.marketplace.onboarding.certification.report.ReportPublisher;
import cn.marketplace.onboarding.engine.EngineClock;
import cn.marketplace.onboarding.engine.ProductStarts;
import cn.marketplace.onboarding.process.ImageCertification;
import cn.marketplace.onboarding.rules.RuleMessages;
import cn.marketplace.onboarding.submission.Submission;
import cn.marketplace.onboarding.submission.SubmissionRepository;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What follows a passed certification run (CERT-4): the questionnaire on the report's warnings and,
 * once answered, the certified image version, the published report and the VM credentials forgotten.
 */
@Service
public class CertificationOutcome {

  private static final Logger log = LoggerFactory.getLogger(CertificationOutcome.class);

  private final SubmissionRepository submissions;
  private final ImageVersionRepository versions;
  private final PublisherRepository publishers;
  private final CertificationReportRepository reports;
  private final CertificationReportDocuments documents;
  private final ReportPublisher publisher;
  private final EngineClock clock;

  CertificationOutcome(SubmissionRepository submissions, ImageVersionRepository versions,
      PublisherRepository publishers, CertificationReportRepository reports, CertificationReportDocuments documents,
      ReportPublisher publisher, EngineClock clock) {
    this.submissions = submissions;
    this.versions = versions;
    this.publishers = publishers;
    this.reports = reports;
    this.documents = documents;
    this.publisher = publisher;
    this.clock = clock;
  }

  /**
   * What the questionnaire form shows, as task variables: the OS family, the distribution and each
   * warning of the tests in the publisher's language, one per explanation field.
   */
  @Transactional(readOnly = true)
  public Map<String, Object> questionnaireFields(CertificationReport report) {
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
  public void answer(CertificationReport report, Map<String, Object> formVariables) {
    boolean isLinux = "linux".equals(report.image().osFamily());
    Map<String, Object> answers = Questionnaire.read(formVariables, report.warnings(), isLinux);
    report.answer(documents.answersJson(answers), clock.now());
    reports.save(report);
  }

  /**
   * Certifies the image: the report is complete and published, the image version is certified and the
   * submission's VM credentials are forgotten. Idempotent: a retry publishes the same blobs again.
   */
  @Transactional
  public CertificationReport certify(CertificationReport report) {
    Instant now = clock.now();
    report.certify(now);
    publisher.publish(report, documents.json(report), documents.html(report))
        .ifPresent(published -> report.publishedAs(published.jsonBlob(), published.htmlBlob()));
    reports.save(report);
    ImageVersion version = versions.findBySubmissionId(report.getSubmissionId())
        .orElseThrow(() -> new IllegalStateException("no image version for submission " + report.getSubmissionId()));
    version.certify();
    versions.save(version);
    Submission submission = submissions.findById(report.getSubmissionId())
        .orElseThrow(() -> new IllegalStateException("no submission " + report.getSubmissionId()));
    submission.certify(now);
    submissions.save(submission);
    log.info("Submission {} certified, report {}", report.getSubmissionId(), report.getId());
    return report;
  }


  /**
   * The certification report a step of this instance works on: the one the variable names, if it is a
   * report of the submission linked to the instance in our tables; any other stops the step. The step
   * hands it on to the service in its transaction, so that the step reads it once.
   */
  public CertificationReport reportOfStep(DelegateExecution execution) {
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
    return report;
  }

  private Publisher publisher(String publisherId) {
    return publishers.findById(publisherId)
        .orElseThrow(() -> new IllegalStateException("no publisher " + publisherId));
  }
}
