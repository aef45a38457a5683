package cn.marketplace.onboarding.catalog;

import cn.marketplace.onboarding.persistence.AssignedIdEntity;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** One image of a SKU, {@code X.Y.Z} (SUB-1), from the submission whose VHDs were accepted. */
@Table("image_version")
public class ImageVersion extends AssignedIdEntity {

  /** How far the image got: its VHDs accepted, then certified, then released. */
  public enum Status { VHDS_ACCEPTED, CERTIFIED, RELEASED }

  @Id
  private String id;
  private String skuRef;
  private String version;
  private String submissionId;
  private Status status;
  private Instant createdAt;

  protected ImageVersion() {}

  public ImageVersion(Sku sku, String version, String submissionId, Instant now) {
    this.id = UUID.randomUUID().toString();
    this.skuRef = sku.getId();
    this.version = version;
    this.submissionId = submissionId;
    this.status = Status.VHDS_ACCEPTED;
    this.createdAt = now;
  }

  /** A resubmission accepted again after a failed certification: the same version row, as now submitted. */
  public void resubmitted(Sku sku, String version) {
    this.skuRef = sku.getId();
    this.version = version;
    this.status = Status.VHDS_ACCEPTED;
  }

  /** Certified: from now on its SKU's pricing model is fixed (PRICE-5) and {@code offerRelease} may use it. */
  public void certify() {
    status = Status.CERTIFIED;
  }

  /** Whether customers may have seen this version: its SKU's pricing model is then fixed (PRICE-5). */
  public boolean isPublished() {
    return status == Status.CERTIFIED || status == Status.RELEASED;
  }

  /** The version went on sale in production (REL-1); from now on its SKU's pricing model is fixed (PRICE-5). */
  public void markReleased() {
    if (status != Status.CERTIFIED && status != Status.RELEASED) {
      throw new IllegalStateException("image version " + id + " is " + status + ", not certified: it can't be released");
    }
    status = Status.RELEASED;
  }

  public String getId() { return id; }
  public String getSkuRef() { return skuRef; }
  public String getVersion() { return version; }
  public String getSubmissionId() { return submissionId; }
  public Status getStatus() { return status; }
}
