package cn.marketplace.onboarding.submission.vhd;

import static cn.marketplace.onboarding.rules.Finding.fail;
import static cn.marketplace.onboarding.rules.Finding.pass;

import cn.marketplace.onboarding.catalog.ImageType.Generation;
import cn.marketplace.onboarding.certification.policy.CertificationPolicy;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import cn.marketplace.onboarding.submission.vhd.PartitionTable.Entry;
import cn.marketplace.onboarding.submission.vhd.PartitionTable.Gpt;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * IMG-TYPE-2: the OS disk is partitioned for the generation its SKU declares. A generation 2 VM boots
 * by UEFI: a GPT disk (protective MBR, "EFI PART" header in LBA 1 with valid CRCs) with an EFI system
 * partition. A generation 1 VM boots by BIOS from the MBR's boot code: an MBR disk, or a GPT disk
 * whose protective MBR carries boot code and which has a BIOS boot partition (the hybrid layout of
 * images made for both generations). The certification policy lists the generations whose layouts it
 * accepts ({@code generations} of IMG-TYPE-2).
 */
public final class BootDiskChecks {

  private BootDiskChecks() {}

  /** The finding for an OS disk of a SKU of {@code generation}, judged by {@code policy}, which applies IMG-TYPE-2. */
  public static Finding check(Generation generation, String subject, PartitionTable disk, CertificationPolicy policy) {
    List<Generation> accepted = acceptedLayouts(policy);
    Finding finding;
    if (!accepted.contains(generation)) {
      finding = fail(RuleId.IMG_TYPE_2, subject, "IMG-TYPE-2.generation-not-allowed", subject, generation.value(),
          policy.ref().toString(), accepted.stream().map(Generation::value).collect(Collectors.joining(", ")));
    } else {
      finding = generation == Generation.GEN2 ? gen2(subject, disk) : gen1(subject, disk);
    }
    List<Finding> judged = policy.judge(List.of(finding.withEvidence(evidence(disk))));
    if (judged.isEmpty()) {
      throw new IllegalArgumentException(policy.ref() + " does not apply IMG-TYPE-2");
    }
    return judged.get(0);
  }

  /** The generations whose disk layout {@code policy} accepts. */
  static List<Generation> acceptedLayouts(CertificationPolicy policy) {
    return policy.thresholds(RuleId.IMG_TYPE_2).texts("generations").stream()
        .map(text -> Generation.of(text).orElseThrow(() -> new IllegalStateException(
            policy.ref() + " IMG-TYPE-2: generations names an unknown generation: " + text)))
        .toList();
  }

  private static Finding gen2(String subject, PartitionTable disk) {
    if (disk.gpt().isEmpty()) {
      return fail(RuleId.IMG_TYPE_2, subject, "IMG-TYPE-2.gen2-no-gpt", subject);
    }
    Gpt gpt = disk.gpt().get();
    Optional<Finding> damaged = damaged(subject, disk, gpt);
    if (damaged.isPresent()) {
      return damaged.get();
    }
    return gpt.first(PartitionTable.EFI_SYSTEM)
        .map(esp -> pass(RuleId.IMG_TYPE_2, subject, "IMG-TYPE-2.gen2-ok", subject, esp.number()))
        .orElseGet(() -> fail(RuleId.IMG_TYPE_2, subject, "IMG-TYPE-2.gen2-no-esp", subject));
  }

  private static Finding gen1(String subject, PartitionTable disk) {
    if (!disk.mbrSignature() || (disk.mbrTypes().isEmpty() && disk.gpt().isEmpty())) {
      return fail(RuleId.IMG_TYPE_2, subject, "IMG-TYPE-2.gen1-no-mbr", subject);
    }
    if (!disk.bootCode()) {
      return disk.gpt().isPresent() ? fail(RuleId.IMG_TYPE_2, subject, "IMG-TYPE-2.gen1-gpt-only", subject)
          : fail(RuleId.IMG_TYPE_2, subject, "IMG-TYPE-2.gen1-no-boot-code", subject);
    }
    if (disk.gpt().isEmpty()) {
      return pass(RuleId.IMG_TYPE_2, subject, "IMG-TYPE-2.gen1-ok", subject);
    }
    Gpt gpt = disk.gpt().get();
    Optional<Finding> damaged = damaged(subject, disk, gpt);
    if (damaged.isPresent()) {
      return damaged.get();
    }
    return gpt.first(PartitionTable.BIOS_BOOT).isPresent() || gpt.anyLegacyBiosBootable()
        ? pass(RuleId.IMG_TYPE_2, subject, "IMG-TYPE-2.gen1-hybrid-ok", subject)
        : fail(RuleId.IMG_TYPE_2, subject, "IMG-TYPE-2.gen1-gpt-only", subject);
  }

  private static Optional<Finding> damaged(String subject, PartitionTable disk, Gpt gpt) {
    if (!disk.protective()) {
      return Optional.of(fail(RuleId.IMG_TYPE_2, subject, "IMG-TYPE-2.no-protective-mbr", subject));
    }
    if (!gpt.headerCrcValid()) {
      return Optional.of(fail(RuleId.IMG_TYPE_2, subject, "IMG-TYPE-2.gpt-header-damaged", subject));
    }
    if (!gpt.entriesCrcValid()) {
      return Optional.of(fail(RuleId.IMG_TYPE_2, subject, "IMG-TYPE-2.gpt-entries-damaged", subject));
    }
    return Optional.empty();
  }

  /** What was seen: the MBR's partition types and the GPT's partition types, by number. */
  private static String evidence(PartitionTable disk) {
    String mbr = !disk.mbrSignature() ? "no MBR signature"
        : "MBR types [" + disk.mbrTypes().stream().map(t -> String.format("%02x", t)).collect(Collectors.joining(","))
            + "], boot code " + (disk.bootCode() ? "yes" : "no");
    return disk.gpt().map(gpt -> mbr + "; GPT header CRC " + (gpt.headerCrcValid() ? "ok" : "bad") + ", entries "
        + (gpt.entriesProblem() != null ? gpt.entriesProblem() : "CRC " + (gpt.entriesCrcValid() ? "ok" : "bad"))
        + ", partitions " + gpt.entries().stream().limit(8).map(BootDiskChecks::describe)
            .collect(Collectors.joining(", ", "[", "]")))
        .orElse(mbr + "; no GPT header");
  }

  private static String describe(Entry entry) {
    String type = entry.type().equals(PartitionTable.EFI_SYSTEM) ? "ESP"
        : entry.type().equals(PartitionTable.BIOS_BOOT) ? "BIOS boot" : entry.type().toString();
    return entry.number() + ":" + type;
  }
}
