package cn.marketplace.onboarding.submission;

import static cn.marketplace.onboarding.rules.Finding.fail;
import static cn.marketplace.onboarding.rules.Finding.pass;

import cn.marketplace.onboarding.catalog.ImageType;
import cn.marketplace.onboarding.catalog.ImageType.Architecture;
import cn.marketplace.onboarding.catalog.ImageType.Generation;
import cn.marketplace.onboarding.catalog.SkuHistory;
import cn.marketplace.onboarding.certification.policy.CertificationPolicy;
import cn.marketplace.onboarding.process.ImageCertification;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * IMG-TYPE-1 on a submission: the generation and architecture its SKU declares. Left out, they are
 * x64 gen1, what every image of the 2015 guide was (and what Microsoft's plan setup preselects);
 * given but unknown, the submission is refused naming the field. A SKU keeps the type of its images,
 * and the type must be one the certification policy allows ({@code allowed} of IMG-TYPE-1).
 */
final class DeclaredImageType {

  static final String GENERATION = ImageCertification.GENERATION;
  static final String ARCHITECTURE = ImageCertification.ARCHITECTURE;

  private DeclaredImageType() {}

  /** The generation as typed, gen1 when blank. */
  static Generation generation(String text) {
    if (text == null || text.isBlank()) {
      return Generation.GEN1;
    }
    return Generation.of(text).orElseThrow(() -> new InvalidImageTypeException(fail(RuleId.IMG_TYPE_1, GENERATION,
        "IMG-TYPE-1.generation-unknown", GENERATION, text.strip(), String.join(", ", Generation.choices()))));
  }

  /** The architecture as typed, x64 when blank. */
  static Architecture architecture(String text) {
    if (text == null || text.isBlank()) {
      return Architecture.X64;
    }
    return Architecture.of(text).orElseThrow(() -> new InvalidImageTypeException(fail(RuleId.IMG_TYPE_1,
        ARCHITECTURE, "IMG-TYPE-1.architecture-unknown", ARCHITECTURE, text.strip(),
        String.join(", ", Architecture.choices()))));
  }

  /**
   * The findings of a normalized form, against the image types {@code policy} allows and the type of
   * the SKU's earlier images.
   */
  static List<Finding> check(SubmissionForm form, Optional<SkuHistory> existingSku, CertificationPolicy policy) {
    ImageType declared = form.imageType();
    Optional<ImageType> earlier = existingSku.flatMap(SkuHistory::imageType);
    List<ImageType> allowed = allowed(policy);
    boolean typeAllowed = allowed.contains(declared);
    boolean architectureAllowed = allowed.stream().anyMatch(t -> t.architecture() == declared.architecture());
    boolean generationAllowed = typeAllowed
        || !architectureAllowed && allowed.stream().anyMatch(t -> t.generation() == declared.generation());
    String allowedText = allowed.stream().map(ImageType::toString).collect(Collectors.joining(", "));
    List<Finding> findings = new ArrayList<>();
    if (!generationAllowed) {
      findings.add(fail(RuleId.IMG_TYPE_1, GENERATION, "IMG-TYPE-1.not-allowed", GENERATION, declared.toString(),
          policy.ref().toString(), allowedText));
    } else if (earlier.isPresent() && earlier.get().generation() != declared.generation()) {
      findings.add(fail(RuleId.IMG_TYPE_1, GENERATION, "IMG-TYPE-1.sku-keeps-type", GENERATION, form.skuId(),
          earlier.get().toString(), declared.toString()));
    } else {
      findings.add(pass(RuleId.IMG_TYPE_1, GENERATION, "IMG-TYPE-1.generation-ok", GENERATION,
          declared.generation().value()));
    }
    if (!architectureAllowed) {
      findings.add(fail(RuleId.IMG_TYPE_1, ARCHITECTURE, "IMG-TYPE-1.not-allowed", ARCHITECTURE, declared.toString(),
          policy.ref().toString(), allowedText));
    } else if (earlier.isPresent() && earlier.get().architecture() != declared.architecture()) {
      findings.add(fail(RuleId.IMG_TYPE_1, ARCHITECTURE, "IMG-TYPE-1.sku-keeps-type", ARCHITECTURE, form.skuId(),
          earlier.get().toString(), declared.toString()));
    } else {
      findings.add(pass(RuleId.IMG_TYPE_1, ARCHITECTURE, "IMG-TYPE-1.architecture-ok", ARCHITECTURE,
          declared.architecture().value()));
    }
    return findings;
  }

  /** The image types {@code policy} certifies; every type where IMG-TYPE-1 does not apply. */
  static List<ImageType> allowed(CertificationPolicy policy) {
    if (!policy.applies(RuleId.IMG_TYPE_1)) {
      return Arrays.stream(Architecture.values())
          .flatMap(a -> Arrays.stream(Generation.values()).map(g -> new ImageType(g, a))).toList();
    }
    return policy.thresholds(RuleId.IMG_TYPE_1).texts("allowed").stream()
        .map(text -> ImageType.parse(text).orElseThrow(() -> new IllegalStateException(
            policy.ref() + " IMG-TYPE-1: allowed names an unknown image type: " + text)))
        .toList();
  }
}
