package cn.marketplace.onboarding.submission.vhd;

/** What a VHD is for, which decides its size rule. */
public enum DiskRole {
  /** A Linux OS disk: LNX-SIZE-1, 30 to 50 GiB. */
  LINUX_OS,
  /** A Windows OS disk: WIN-SIZE-1, exactly 128 GiB. */
  WINDOWS_OS,
  /** A data disk: DISK-1, at most 1 TiB. */
  DATA
}
