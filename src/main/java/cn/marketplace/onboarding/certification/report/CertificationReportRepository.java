package cn.marketplace.onboarding.certification.report;

import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.query.Param;

public interface CertificationReportRepository extends ListCrudRepository<CertificationReport, String> {

  /** The report of the submission's latest certification run. */
  @Query("select * from certification_report where submission_id = :submissionId order by tested_at desc"
      + " fetch first 1 rows only")
  Optional<CertificationReport> findFirstBySubmissionIdOrderByTestedAtDesc(@Param("submissionId") String submissionId);

  /** The report that certified the submission's image, if one did. */
  @Query("select * from certification_report where submission_id = :submissionId and status = :status"
      + " order by certified_at desc fetch first 1 rows only")
  Optional<CertificationReport> findFirstBySubmissionIdAndStatusOrderByCertifiedAtDesc(
      @Param("submissionId") String submissionId, @Param("status") CertificationReport.Status status);
}
