package cn.marketplace.onboarding.submission.vhd;

import static cn.marketplace.onboarding.rules.Finding.pass;

import cn.marketplace.onboarding.catalog.ImageType.Generation;
import cn.marketplace.onboarding.certification.policy.CertificationPolicy;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's storage, in process: every SAS that our URI checks let through names a readable
 * page blob holding a fixed VHD (30 GiB for an OS disk, 10 GiB for a data disk), answered without a
 * network. Our footer checks still run on the 512 bytes a real read would return, so only the
 * storage's round trips leave the timed path.
 */
public final class FixedVhdStorage extends BlobInspector {

  private static final long OS_DISK = 30 * VhdFooters.GIB;
  private static final long DATA_DISK = 10 * VhdFooters.GIB;

  private final byte[] osFooter = VhdFooters.fixed(OS_DISK).toBytes();
  private final byte[] dataFooter = VhdFooters.fixed(DATA_DISK).toBytes();

  public FixedVhdStorage() {
    super(null);
  }

  @Override
  public BlobInspection inspect(DiskRole role, String subject, SasUri uri, Generation bootGeneration,
      CertificationPolicy policy) {
    boolean data = role == DiskRole.DATA;
    byte[] footer = data ? dataFooter : osFooter;
    long length = (data ? DATA_DISK : OS_DISK) + footer.length;
    List<Finding> findings = new ArrayList<>();
    findings.add(pass(RuleId.SAS_8, subject, "SAS-8.ok", subject));
    findings.add(pass(RuleId.VHD_BLOB_1, subject, "VHD-BLOB-1.page-blob", subject));
    findings.addAll(VhdFooterChecks.check(role, subject, footer, length, policy));
    return new BlobInspection(findings, footer.length, false);
  }
}
