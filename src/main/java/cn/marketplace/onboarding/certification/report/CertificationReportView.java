package cn.marketplace.onboarding.certification.report;

import cn.marketplace.onboarding.rules.FindingView;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A certification report as {@code GET /api/submissions/{id}} returns it and as it is published as
 * JSON: the image, the run, every finding with its evidence, and the questionnaire's answers.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificationReportView(
    String reportId, CertificationReport.Status status, CertificationReport.Image image, Run run,
    List<FindingView> findings, Map<String, Object> questionnaire, Instant testedAt, Instant answeredAt,
    Instant certifiedAt, Published published, Policy policy) {

  /**
   * The certification policy the run was judged by ({@code azure-current v1}) and the checks of its
   * source that the product can't see from outside the VM, with why.
   */
  public record Policy(String id, String version, String title, List<NotCheckedView> notChecked) {}

  public record NotCheckedView(String check, String source, String why) {}

  /** How the tests ran: the distribution (or Windows version), the SSH host key and the timings in ms. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Run(String distribution, String hostKeyFingerprint, Boolean hostKeyFirstSeen, Integer roundTrips,
      Long connectMillis, Long probeMillis, Long totalMillis, String windowsToolVersion) {}

  /** The names of the report's blobs in the product's report container. */
  public record Published(String json, String html) {}
}
