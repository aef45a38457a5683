package cn.marketplace.onboarding.release;

import cn.marketplace.onboarding.catalog.ImageVersion;
import cn.marketplace.onboarding.certification.report.CertificationReport;
import cn.marketplace.onboarding.certification.report.CertificationReportRepository;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The certification report of each image version: the one that certified the version's submission,
 * which the support team's review shows.
 */
@Component
class CertificationReports {

  private final CertificationReportRepository reports;

  CertificationReports(CertificationReportRepository reports) {
    this.reports = reports;
  }

  /** The id of the report that certified {@code version}; empty for a version certified without one. */
  Optional<String> of(ImageVersion version) {
    return reports.findFirstBySubmissionIdAndStatusOrderByCertifiedAtDesc(version.getSubmissionId(),
        CertificationReport.Status.CERTIFIED).map(CertificationReport::getId);
  }
}
