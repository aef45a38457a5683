package cn.marketplace.onboarding.certification.report;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.PolicyRef;
import cn.marketplace.onboarding.rules.RuleId;
import cn.marketplace.onboarding.testsupport.OnboardingSpringTest;
import cn.marketplace.onboarding.testsupport.StoredRows;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A report keeps its run, its answers, its certification and where it was published. */
@OnboardingSpringTest
class CertificationReportStorageTest {

  private static final Instant T0 = Instant.parse("2026-03-02T08:15:30.5Z");
  private static final Instant T1 = Instant.parse("2026-03-09T10:00:00Z");

  @Autowired CertificationReportRepository reports;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aReportKeepsEveryStepUntilItIsPublished() {
    StoredRows rows = new StoredRows(jdbc);
    String publisherId = rows.publisher();
    String submissionId = rows.submission(publisherId);
    CertificationReport.Image image = new CertificationReport.Image(publisherId, submissionId, "contoso-db",
        "Contoso DB", "standard-2026", "1.0.0", "windows", "Windows Server 2022", "Standard_D2s_v3");
    List<Finding> findings = List.of(Finding.warning(RuleId.CERT_3, "vm", "CERT-3.windows.results-unread"));
    PolicyRef policy = new PolicyRef("azure-china-2015", "1");
    String id = reports.save(CertificationReport.ofWindowsResults(image, policy, findings, "Windows Server 2022",
        "1.2.3", Duration.ofMillis(1234), T0)).getId();

    CertificationReport tested = reports.findFirstBySubmissionIdOrderByTestedAtDesc(submissionId).orElseThrow();
    assertThat(tested.isNew()).isFalse();
    assertThat(tested.image()).isEqualTo(image);
    assertThat(tested.findings()).isEqualTo(findings);
    assertThat(tested.policy()).isEqualTo(policy);
    assertThat(tested.getTotalMillis()).isEqualTo(1234L);
    assertThat(tested.getTestedAt()).isEqualTo(T0);
    tested.answer("{\"q\":\"a\"}", T1);
    reports.save(tested);

    CertificationReport answered = reports.findById(id).orElseThrow();
    assertThat(answered.getQuestionnaire()).isEqualTo("{\"q\":\"a\"}");
    assertThat(answered.getAnsweredAt()).isEqualTo(T1);
    assertThat(reports.findFirstBySubmissionIdAndStatusOrderByCertifiedAtDesc(submissionId,
        CertificationReport.Status.CERTIFIED)).isEmpty();
    answered.certify(T1);
    answered.publishedAs("reports/" + id + ".json", "reports/" + id + ".html");
    reports.save(answered);

    CertificationReport certified = reports.findFirstBySubmissionIdAndStatusOrderByCertifiedAtDesc(submissionId,
        CertificationReport.Status.CERTIFIED).orElseThrow();
    assertThat(certified.getCertifiedAt()).isEqualTo(T1);
    assertThat(certified.getJsonBlob()).isEqualTo("reports/" + id + ".json");
    assertThat(certified.getHtmlBlob()).isEqualTo("reports/" + id + ".html");
  }
}
