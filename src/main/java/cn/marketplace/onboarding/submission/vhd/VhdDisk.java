package cn.marketplace.onboarding.submission.vhd;

import java.util.Objects;

/**
 * One disk of a submission as the ISV gave it: its role, the subject its findings carry
 * ({@code osVhd}, {@code lun0}, ...) and the SAS URI as typed, unchecked.
 */
public record VhdDisk(DiskRole role, String subject, String sasUri) {

  public static final String OS_SUBJECT = "osVhd";

  public VhdDisk {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(subject, "subject");
  }

  public static VhdDisk linuxOs(String sasUri) {
    return new VhdDisk(DiskRole.LINUX_OS, OS_SUBJECT, sasUri);
  }

  public static VhdDisk windowsOs(String sasUri) {
    return new VhdDisk(DiskRole.WINDOWS_OS, OS_SUBJECT, sasUri);
  }

  /** A data disk; its subject is {@code lun<N>}. */
  public static VhdDisk data(int lun, String sasUri) {
    return new VhdDisk(DiskRole.DATA, "lun" + lun, sasUri);
  }

  /** Shows the URI with its signature masked: a SAS URI is a credential. */
  @Override
  public String toString() {
    return "VhdDisk[role=" + role + ", subject=" + subject + ", sasUri=" + SasUri.mask(sasUri) + "]";
  }
}
