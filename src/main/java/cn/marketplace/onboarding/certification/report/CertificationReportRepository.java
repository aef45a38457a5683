package cn.marketplace.onboarding.certification.report;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CertificationReportRepository extends JpaRepository<CertificationReport, String> {

  /** The report of the submission's latest certification run. */
  Optional<CertificationReport> findFirstBySubmissionIdOrderByTestedAtDesc(String submissionId);

  /** The report that certified the submission's image, if one did. */
  Optional<CertificationReport> findFirstBySubmissionIdAndStatusOrderByCertifiedAtDesc(String submissionId,
      CertificationReport.Status status);
}
