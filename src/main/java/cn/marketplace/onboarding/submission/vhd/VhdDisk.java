package cn.marketplace.onboarding.submission.vhd;

import cn.marketplace.onboarding.catalog.ImageType.Generation;
import java.util.Objects;

/**
 * One disk of a submission as the ISV gave it: its role, the subject its findings carry
 * ({@code osVhd}, {@code lun0}, ...) and the SAS URI as typed, unchecked; for an OS disk, the
 * generation it must boot (IMG-TYPE-2), or null where its partitions are not checked.
 */
public record VhdDisk(DiskRole role, String subject, String sasUri, Generation bootGeneration) {

  public static final String OS_SUBJECT = "osVhd";

  public VhdDisk {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(subject, "subject");
  }

  public VhdDisk(DiskRole role, String subject, String sasUri) {
    this(role, subject, sasUri, null);
  }

  /** A Linux OS disk whose partitions are not checked. */
  public static VhdDisk linuxOs(String sasUri) {
    return new VhdDisk(DiskRole.LINUX_OS, OS_SUBJECT, sasUri);
  }

  /** A Windows OS disk whose partitions are not checked. */
  public static VhdDisk windowsOs(String sasUri) {
    return new VhdDisk(DiskRole.WINDOWS_OS, OS_SUBJECT, sasUri);
  }

  /** The OS disk of a SKU of {@code generation}: Windows or Linux by {@code windows}. */
  public static VhdDisk os(boolean windows, String sasUri, Generation generation) {
    return new VhdDisk(windows ? DiskRole.WINDOWS_OS : DiskRole.LINUX_OS, OS_SUBJECT, sasUri, generation);
  }

  /** A data disk; its subject is {@code lun<N>}. */
  public static VhdDisk data(int lun, String sasUri) {
    return new VhdDisk(DiskRole.DATA, "lun" + lun, sasUri);
  }

  /** Shows the URI with its signature masked: a SAS URI is a credential. */
  @Override
  public String toString() {
    return "VhdDisk[role=" + role + ", subject=" + subject + ", sasUri=" + SasUri.mask(sasUri)
        + (bootGeneration == null ? "" : ", bootGeneration=" + bootGeneration.value()) + "]";
  }
}
