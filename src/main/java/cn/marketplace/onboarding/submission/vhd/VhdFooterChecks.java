package cn.marketplace.onboarding.submission.vhd;

import static cn.marketplace.onboarding.submission.vhd.MessageArgs.MIB;
import static cn.marketplace.onboarding.rules.Finding.fail;
import static cn.marketplace.onboarding.rules.Finding.pass;

import cn.marketplace.onboarding.certification.policy.CertificationPolicy;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks of a VHD's last 512 bytes: VHD-FMT-1 (a footer: cookie and checksum), VHD-FMT-2
 * (fixed format), VHD-FMT-3 (whole MiB, blob length = size + 512), then the size rule of the
 * disk's role. A footer that fails VHD-FMT-1 is not trusted for anything else.
 */
public final class VhdFooterChecks {

  private VhdFooterChecks() {}

  /**
   * @param footerBytes the last bytes of the blob as read; fewer than 512 means truncated
   * @param blobLength the blob's length as the service reports it
   * @param policy the certification policy in force, whose sizes the disk must have
   */
  public static List<Finding> check(DiskRole role, String subject, byte[] footerBytes, long blobLength,
      CertificationPolicy policy) {
    List<Finding> findings = new ArrayList<>();
    if (footerBytes == null || footerBytes.length != VhdFooter.SIZE) {
      int read = footerBytes == null ? 0 : footerBytes.length;
      findings.add(fail(RuleId.VHD_FMT_1, subject, "VHD-FMT-1.truncated", subject, read)
          .withEvidence(read + " bytes"));
      return findings;
    }
    VhdFooter footer = VhdFooter.parse(footerBytes);
    if (!footer.hasCookie()) {
      findings.add(fail(RuleId.VHD_FMT_1, subject, "VHD-FMT-1.bad-cookie", subject)
          .withEvidence("cookie=" + printable(footer.cookie())));
      return findings;
    }
    int computed = VhdFooter.computeChecksum(footerBytes);
    if (footer.checksum() != computed) {
      findings.add(fail(RuleId.VHD_FMT_1, subject, "VHD-FMT-1.bad-checksum", subject)
          .withEvidence(String.format("stored=%08x computed=%08x", footer.checksum(), computed)));
      return findings;
    }
    findings.add(pass(RuleId.VHD_FMT_1, subject, "VHD-FMT-1.ok", subject));
    findings.add(diskType(subject, footer));
    findings.add(size(subject, footer, blobLength));
    findings.add(DiskSizeRules.check(role, subject, footer.currentSize(), policy));
    return findings;
  }

  /** The VHD-FMT-1 finding of a blob too short to hold a footer at all. */
  public static Finding tooSmall(String subject, long blobLength) {
    return fail(RuleId.VHD_FMT_1, subject, "VHD-FMT-1.too-small", subject, blobLength)
        .withEvidence(blobLength + " bytes");
  }

  private static Finding diskType(String subject, VhdFooter footer) {
    String evidence = "diskType=" + footer.diskType();
    return switch (footer.diskType()) {
      case VhdFooter.TYPE_FIXED -> pass(RuleId.VHD_FMT_2, subject, "VHD-FMT-2.fixed", subject);
      case VhdFooter.TYPE_DYNAMIC ->
          fail(RuleId.VHD_FMT_2, subject, "VHD-FMT-2.dynamic", subject).withEvidence(evidence);
      case VhdFooter.TYPE_DIFFERENCING ->
          fail(RuleId.VHD_FMT_2, subject, "VHD-FMT-2.differencing", subject).withEvidence(evidence);
      default -> fail(RuleId.VHD_FMT_2, subject, "VHD-FMT-2.unknown-type", subject, footer.diskType())
          .withEvidence(evidence);
    };
  }

  private static Finding size(String subject, VhdFooter footer, long blobLength) {
    long size = footer.currentSize();
    String evidence = "currentSize=" + size + " blobLength=" + blobLength;
    if (size <= 0 || size % MIB != 0) {
      return fail(RuleId.VHD_FMT_3, subject, "VHD-FMT-3.not-whole-mib", subject, String.valueOf(size))
          .withEvidence(evidence);
    }
    if (blobLength != size + VhdFooter.SIZE) {
      return fail(RuleId.VHD_FMT_3, subject, "VHD-FMT-3.length-mismatch", subject,
          String.valueOf(blobLength), String.valueOf(size + VhdFooter.SIZE)).withEvidence(evidence);
    }
    return pass(RuleId.VHD_FMT_3, subject, "VHD-FMT-3.ok", subject, MessageArgs.gib(size));
  }

  private static String printable(String text) {
    return text.codePoints().map(c -> c >= 0x20 && c < 0x7f ? c : '.')
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
  }
}
