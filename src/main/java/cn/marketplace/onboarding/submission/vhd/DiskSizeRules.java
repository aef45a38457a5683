package cn.marketplace.onboarding.submission.vhd;

import static cn.marketplace.onboarding.submission.vhd.MessageArgs.GIB;
import static cn.marketplace.onboarding.submission.vhd.MessageArgs.TIB;
import static cn.marketplace.onboarding.submission.vhd.MessageArgs.gib;
import static cn.marketplace.onboarding.rules.Finding.fail;
import static cn.marketplace.onboarding.rules.Finding.pass;
import static cn.marketplace.onboarding.rules.Finding.warning;

import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;

/** The size each disk role must have: LNX-SIZE-1, WIN-SIZE-1 and DISK-1. */
public final class DiskSizeRules {

  static final long LINUX_OS_MIN = 30 * GIB;
  static final long LINUX_OS_REVIEW_ABOVE = 50 * GIB;
  static final long WINDOWS_OS_SIZE = 128 * GIB;
  static final long DATA_DISK_MAX = TIB;

  private DiskSizeRules() {}

  /** The finding of the size rule of {@code role} for a disk of {@code virtualSize} bytes. */
  public static Finding check(DiskRole role, String subject, long virtualSize) {
    String size = gib(virtualSize);
    String evidence = virtualSize + " bytes";
    Finding finding = switch (role) {
      case LINUX_OS -> virtualSize < LINUX_OS_MIN
          ? fail(RuleId.LNX_SIZE_1, subject, "LNX-SIZE-1.too-small", subject, size)
          : virtualSize > LINUX_OS_REVIEW_ABOVE
              ? warning(RuleId.LNX_SIZE_1, subject, "LNX-SIZE-1.review", subject, size)
              : pass(RuleId.LNX_SIZE_1, subject, "LNX-SIZE-1.ok", subject, size);
      case WINDOWS_OS -> virtualSize == WINDOWS_OS_SIZE
          ? pass(RuleId.WIN_SIZE_1, subject, "WIN-SIZE-1.ok", subject, size)
          : fail(RuleId.WIN_SIZE_1, subject, "WIN-SIZE-1.wrong-size", subject, size);
      case DATA -> virtualSize > DATA_DISK_MAX
          ? fail(RuleId.DISK_1, subject, "DISK-1.too-large", subject, size)
          : pass(RuleId.DISK_1, subject, "DISK-1.ok", subject, size);
    };
    return finding.withEvidence(evidence);
  }
}
