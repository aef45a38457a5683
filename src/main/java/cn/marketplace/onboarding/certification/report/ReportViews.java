package cn.marketplace.onboarding.certification.report;

import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** A submission's certification report as the submission's status shows it. */
@Component
public class ReportViews {

  private final CertificationReportRepository reports;
  private final CertificationReportDocuments documents;

  ReportViews(CertificationReportRepository reports, CertificationReportDocuments documents) {
    this.reports = reports;
    this.documents = documents;
  }

  /** The latest report of a submission, with messages in {@code locale}; check the caller's access first. */
  @Transactional(readOnly = true)
  public Optional<CertificationReportView> latest(String submissionId, Locale locale) {
    return reports.findFirstBySubmissionIdOrderByTestedAtDesc(submissionId)
        .map(report -> documents.view(report, locale));
  }
}
