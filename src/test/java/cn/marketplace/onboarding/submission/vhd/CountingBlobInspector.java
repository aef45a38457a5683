package cn.marketplace.onboarding.submission.vhd;

import cn.marketplace.onboarding.catalog.ImageType.Generation;
import cn.marketplace.onboarding.certification.policy.CertificationPolicy;
import java.util.concurrent.atomic.AtomicLong;

/** The real blob inspector, counting the bytes of blob content it downloads (the benchmark's meter). */
public final class CountingBlobInspector extends BlobInspector {

  private final BlobInspector real;
  private final AtomicLong bytesRead = new AtomicLong();
  private final AtomicLong disks = new AtomicLong();

  public CountingBlobInspector(BlobInspector real) {
    super(null);
    this.real = real;
  }

  @Override
  public BlobInspection inspect(DiskRole role, String subject, SasUri uri, Generation bootGeneration,
      CertificationPolicy policy) {
    BlobInspection inspection = real.inspect(role, subject, uri, bootGeneration, policy);
    bytesRead.addAndGet(inspection.bytesRead());
    disks.incrementAndGet();
    return inspection;
  }

  public long bytesRead() {
    return bytesRead.get();
  }

  public long disks() {
    return disks.get();
  }
}
