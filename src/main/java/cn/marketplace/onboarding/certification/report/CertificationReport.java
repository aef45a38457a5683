package cn.marketplace.onboarding.certification.report;

import cn.marketplace.onboarding.certification.linux.LinuxCertificationResult;
import cn.marketplace.onboarding.persistence.AssignedIdEntity;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.Findings;
import cn.marketplace.onboarding.rules.PolicyRef;
import cn.marketplace.onboarding.rules.Result;
import cn.marketplace.onboarding.rules.StoredFindings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Column;
import org.springframework.data.relational.core.mapping.Table;

/**
 * One certification run of a submission's image and what followed it: the findings with their
 * evidence, the image as it was tested, the SSH details of a Linux run, the questionnaire's answers
 * (CERT-4) and where the report was published. A run with a failed test stays {@link Status#FAILED};
 * the ISV fixes the submission and the next run makes a new report.
 */
@Table("certification_report")
public class CertificationReport extends AssignedIdEntity {

  public enum Status { FAILED, QUESTIONNAIRE, CERTIFIED }

  /** What was certified: the image details of the submission at the time of the run. */
  public record Image(String publisherId, String submissionId, String offerId, String offerName, String skuId,
      String version, String osFamily, String osName, String vmSizes) {}

  @Id
  private String id;
  private String submissionId;
  private String publisherId;
  private Status status;
  private String offerId;
  private String offerName;
  private String skuId;
  private String version;
  private String osFamily;
  private String osName;
  private String vmSizes;
  private String distribution;
  private String hostKeyFingerprint;
  private Boolean hostKeyFirstSeen;
  private Integer roundTrips;
  private Long connectMillis;
  private Long probeMillis;
  private Long totalMillis;
  private String windowsToolVersion;
  /** The certification policy the run was judged by. */
  private String policyId;
  private String policyVersion;
  private Instant testedAt;
  private String questionnaire;
  private Instant answeredAt;
  private Instant certifiedAt;
  private String jsonBlob;
  private String htmlBlob;
  /** The run's findings with their evidence ({@link StoredFindings}). */
  @Column("findings")
  private String findingsJson;

  protected CertificationReport() {}

  private CertificationReport(Image image, List<Finding> findings, Instant testedAt) {
    this.id = UUID.randomUUID().toString();
    this.submissionId = image.submissionId();
    this.publisherId = image.publisherId();
    this.offerId = image.offerId();
    this.offerName = image.offerName();
    this.skuId = image.skuId();
    this.version = image.version();
    this.osFamily = image.osFamily();
    this.osName = image.osName();
    this.vmSizes = image.vmSizes();
    this.testedAt = testedAt;
    this.status = Findings.anyFailed(findings) ? Status.FAILED : Status.QUESTIONNAIRE;
    this.findingsJson = StoredFindings.toJson(findings);
  }

  /** The report of a Linux VM's run over SSH; the host key and timings come with it. */
  public static CertificationReport ofLinuxRun(Image image, LinuxCertificationResult run, Instant testedAt) {
    CertificationReport report = new CertificationReport(image, run.findings(), testedAt);
    report.judgedBy(run.policy());
    report.distribution = run.distribution();
    report.hostKeyFingerprint = run.hostKeyFingerprint();
    report.hostKeyFirstSeen = run.hostKeyFirstSeen();
    report.roundTrips = run.roundTrips();
    report.connectMillis = millis(run.connectTime());
    report.probeMillis = millis(run.probeTime());
    report.totalMillis = millis(run.totalTime());
    return report;
  }

  /** The report of a Windows image, from the certification tool's results and the submission's checks. */
  public static CertificationReport ofWindowsResults(Image image, PolicyRef policy, List<Finding> findings, String os,
      String toolVersion, Duration took, Instant testedAt) {
    CertificationReport report = new CertificationReport(image, findings, testedAt);
    report.judgedBy(policy);
    report.distribution = os;
    report.windowsToolVersion = toolVersion;
    report.totalMillis = millis(took);
    return report;
  }

  private void judgedBy(PolicyRef policy) {
    if (policy != null) {
      this.policyId = policy.id();
      this.policyVersion = policy.version();
    }
  }

  /** The policy the run was judged by; null for a run before policies existed and not migrated. */
  public PolicyRef policy() {
    return policyId == null ? null : new PolicyRef(policyId, policyVersion);
  }

  /** Whether every test passed (warnings allowed): the questionnaire comes next (CERT-3, CERT-4). */
  public boolean testsPassed() {
    return status != Status.FAILED;
  }

  /** Keeps the questionnaire's answers (a JSON object); answering again replaces them. */
  public void answer(String questionnaireJson, Instant now) {
    if (status == Status.FAILED) {
      throw new IllegalStateException("report " + id + " failed certification: there is no questionnaire to answer");
    }
    this.questionnaire = Objects.requireNonNull(questionnaireJson, "questionnaire");
    this.answeredAt = now;
  }

  /** Tests passed and questionnaire answered: the image is certified. */
  public void certify(Instant now) {
    if (status == Status.FAILED || questionnaire == null) {
      throw new IllegalStateException("report " + id + " is not ready to certify: " + status);
    }
    if (certifiedAt == null) {
      certifiedAt = now;
    }
    status = Status.CERTIFIED;
  }

  public void publishedAs(String jsonBlob, String htmlBlob) {
    this.jsonBlob = jsonBlob;
    this.htmlBlob = htmlBlob;
  }

  public List<Finding> findings() {
    return StoredFindings.fromJson(findingsJson);
  }

  /** The warnings the ISV explains in the questionnaire, in the order it sees them. */
  public List<Finding> warnings() {
    return Findings.sorted(findings()).stream()
        .filter(f -> f.result() == Result.WARNING).toList();
  }

  public Image image() {
    return new Image(publisherId, submissionId, offerId, offerName, skuId, version, osFamily, osName, vmSizes);
  }

  private static Long millis(Duration duration) {
    return duration == null ? null : duration.toMillis();
  }

  @Override
  public String getId() { return id; }
  public String getSubmissionId() { return submissionId; }
  public String getPublisherId() { return publisherId; }
  public Status getStatus() { return status; }
  public String getDistribution() { return distribution; }
  public String getHostKeyFingerprint() { return hostKeyFingerprint; }
  public Boolean getHostKeyFirstSeen() { return hostKeyFirstSeen; }
  public Integer getRoundTrips() { return roundTrips; }
  public Long getConnectMillis() { return connectMillis; }
  public Long getProbeMillis() { return probeMillis; }
  public Long getTotalMillis() { return totalMillis; }
  public String getWindowsToolVersion() { return windowsToolVersion; }
  public Instant getTestedAt() { return testedAt; }
  public String getQuestionnaire() { return questionnaire; }
  public Instant getAnsweredAt() { return answeredAt; }
  public Instant getCertifiedAt() { return certifiedAt; }
  public String getJsonBlob() { return jsonBlob; }
  public String getHtmlBlob() { return htmlBlob; }
}
