package cn.marketplace.onboarding.submission.vhd;

import static cn.marketplace.onboarding.rules.Finding.fail;
import static cn.marketplace.onboarding.rules.Finding.pass;

import cn.marketplace.onboarding.catalog.ImageType.Generation;
import cn.marketplace.onboarding.certification.policy.CertificationPolicy;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Reads one VHD through its SAS: the blob's properties (SAS-8, VHD-BLOB-1), then only its last
 * 512 bytes, whatever its size, for the footer and size checks; for an OS disk whose generation is
 * known, also its first 34 sectors for the partition table (IMG-TYPE-2).
 */
@Component
public class BlobInspector {

  private final SasBlobClients clients;

  BlobInspector(@Lazy SasBlobClients clients) {
    this.clients = clients;
  }

  /**
   * Inspects the blob, its size judged by {@code policy}, and a valid VHD's partitions checked for
   * {@code bootGeneration} (when given and the policy applies IMG-TYPE-2).
   */
  public BlobInspection inspect(DiskRole role, String subject, SasUri uri, Generation bootGeneration,
      CertificationPolicy policy) {
    Optional<Finding> refusal = clients.refusal(subject, uri);
    if (refusal.isPresent()) {
      return new BlobInspection(List.of(refusal.get()), 0, false);
    }
    BlobClient blob;
    BlobProperties properties;
    try {
      blob = clients.client(uri);
      properties = blob.getProperties();
    } catch (RuntimeException e) {
      return failed(List.of(), clients.failure(subject, uri, e));
    }
    Finding blobType = blobType(subject, properties.getBlobType());
    long length = properties.getBlobSize();
    if (length < VhdFooter.SIZE) {
      return new BlobInspection(
          List.of(readable(subject), blobType, VhdFooterChecks.tooSmall(subject, length)), 0, false);
    }
    byte[] footer;
    try {
      footer = clients.readRange(blob, length - VhdFooter.SIZE, VhdFooter.SIZE);
    } catch (RuntimeException e) {
      return failed(List.of(blobType), clients.failure(subject, uri, e));
    }
    List<Finding> findings = new ArrayList<>();
    findings.add(readable(subject));
    findings.add(blobType);
    List<Finding> footerFindings = VhdFooterChecks.check(role, subject, footer, length, policy);
    findings.addAll(footerFindings);
    if (bootGeneration == null || !policy.applies(RuleId.IMG_TYPE_2)
        || footerFindings.stream().anyMatch(f -> f.ruleId() == RuleId.VHD_FMT_1 && f.failed())) {
      return new BlobInspection(findings, footer.length, false);
    }
    long diskBytes = length - VhdFooter.SIZE;
    long[] headRead = {0};
    PartitionTable.Sectors sectors = (offset, count) -> {
      int bounded = (int) Math.max(0, Math.min(count, diskBytes - offset));
      byte[] bytes = bounded == 0 ? new byte[0] : clients.readRange(blob, offset, bounded);
      headRead[0] += bytes.length;
      return bytes;
    };
    try {
      PartitionTable table = PartitionTable.read(sectors.read(0, PartitionTable.HEAD_BYTES), sectors);
      findings.add(BootDiskChecks.check(bootGeneration, subject, table, policy));
    } catch (RuntimeException e) {
      return failed(findings, clients.failure(subject, uri, e));
    }
    return new BlobInspection(findings, footer.length + headRead[0], false);
  }

  private static Finding readable(String subject) {
    return pass(RuleId.SAS_8, subject, "SAS-8.ok", subject);
  }

  private static Finding blobType(String subject, BlobType type) {
    return type == BlobType.PAGE_BLOB
        ? pass(RuleId.VHD_BLOB_1, subject, "VHD-BLOB-1.page-blob", subject)
        : fail(RuleId.VHD_BLOB_1, subject, "VHD-BLOB-1.not-page-blob", subject, String.valueOf(type))
            .withEvidence("blobType=" + type);
  }

  /** The SAS-8 failure first, then whatever was learnt before the read failed. */
  private static BlobInspection failed(List<Finding> before, SasBlobClients.ReadFailure failure) {
    List<Finding> findings = new ArrayList<>();
    findings.add(failure.finding());
    findings.addAll(before);
    return new BlobInspection(findings, 0, failure.transientFailure());
  }
}
