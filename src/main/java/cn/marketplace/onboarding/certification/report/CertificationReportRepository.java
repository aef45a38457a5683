package cn.marketplace.onboarding.certification.report;

import java.util.Optional;
import org.springframework.data.repository.ListCrudRepository;

public interface CertificationReportRepository extends ListCrudRepository<CertificationReport, String> {

  /** The report of the submission's latest certification run. */
  Optional<CertificationReport> findFirstBySubmissionIdOrderByTestedAtDesc(String submissionId);

  /** The report that certified the submission's image, if one did. */
  Optional<CertificationReport> findFirstBySubmissionIdAndStatusOrderByCertifiedAtDesc(String submissionId,
      CertificationReport.Status status);
}
