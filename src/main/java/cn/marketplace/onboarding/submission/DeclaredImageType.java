package cn.marketplace.onboarding.submission;

import static cn.marketplace.onboarding.rules.Finding.fail;
import static cn.marketplace.onboarding.rules.Finding.pass;

import cn.marketplace.onboarding.catalog.ImageType;
import cn.marketplace.onboarding.catalog.ImageType.Architecture;
import cn.marketplace.onboarding.catalog.ImageType.Generation;
import cn.marketplace.onboarding.catalog.SkuHistory;
import cn.marketplace.onboarding.process.ImageCertification;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * IMG-TYPE-1 on a submission: the generation and architecture its SKU declares. Left out, they are
 * x64 gen1, what every image of the 2015 guide was (and what Microsoft's plan setup preselects);
 * given but unknown, the submission is refused naming the field. A SKU keeps the type of its images.
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

  /** The findings of a normalized form, against the type of the SKU's earlier images. */
  static List<Finding> check(SubmissionForm form, Optional<SkuHistory> existingSku) {
    ImageType declared = form.imageType();
    Optional<ImageType> earlier = existingSku.flatMap(SkuHistory::imageType);
    List<Finding> findings = new ArrayList<>();
    if (earlier.isPresent() && earlier.get().generation() != declared.generation()) {
      findings.add(fail(RuleId.IMG_TYPE_1, GENERATION, "IMG-TYPE-1.sku-keeps-type", GENERATION, form.skuId(),
          earlier.get().toString(), declared.toString()));
    } else {
      findings.add(pass(RuleId.IMG_TYPE_1, GENERATION, "IMG-TYPE-1.generation-ok", GENERATION,
          declared.generation().value()));
    }
    if (earlier.isPresent() && earlier.get().architecture() != declared.architecture()) {
      findings.add(fail(RuleId.IMG_TYPE_1, ARCHITECTURE, "IMG-TYPE-1.sku-keeps-type", ARCHITECTURE, form.skuId(),
          earlier.get().toString(), declared.toString()));
    } else {
      findings.add(pass(RuleId.IMG_TYPE_1, ARCHITECTURE, "IMG-TYPE-1.architecture-ok", ARCHITECTURE,
          declared.architecture().value()));
    }
    return findings;
  }
}
