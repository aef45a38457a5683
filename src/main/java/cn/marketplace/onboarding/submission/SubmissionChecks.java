package cn.marketplace.onboarding.submission;

import static cn.marketplace.onboarding.rules.Finding.fail;
import static cn.marketplace.onboarding.rules.Finding.pass;

import cn.marketplace.onboarding.catalog.ImageVersionNumber;
import cn.marketplace.onboarding.catalog.SkuHistory;
import cn.marketplace.onboarding.certification.linux.VmDestinationPolicy;
import cn.marketplace.onboarding.certification.policy.CertificationPolicy;
import cn.marketplace.onboarding.certification.windows.WindowsThresholds;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The rules of an image submission that need no storage: OFFER-*, SKU-*, PRICE-*, SUB-*, WIN-BASE-1
 * and the certification VM's access (CERT-1). Every field gives findings, passes included, each
 * naming its field (or {@code lun<N>}) and its rule, so the ISV fixes everything at once.
 */
@Component
public class SubmissionChecks {

  /** OFFER-2: lower-case letters, digits and inner hyphens; URL-safe as they are. */
  static final Pattern IDENTIFIER = Pattern.compile("[a-z0-9](?:[a-z0-9-]{1,48})[a-z0-9]");
  static final int MAX_OFFER_NAME = 100;
  static final int MAX_SKU_SUMMARY = 200;
  static final int MAX_OS_NAME = 100;
  public static final int MIN_TRIAL_DAYS = 1;
  public static final int MAX_TRIAL_DAYS = 180;
  static final Set<String> PRICING_MODELS = new LinkedHashSet<>(List.of("free", "freeTrial", "byol"));
  static final Set<String> OS_FAMILIES = new LinkedHashSet<>(List.of("linux", "windows"));

  private static final Pattern MARKUP = Pattern.compile("[<>]|&#|&[a-zA-Z]+;|[\\p{Cntrl}&&[^\\n\\t]]");

  private final OfferProperties properties;
  private final VmAccessChecks vmAccess;
  public SubmissionChecks(OfferProperties properties, VmDestinationPolicy vmDestinations) {
    this.properties = properties;
    this.vmAccess = new VmAccessChecks(vmDestinations);
  }

  /**
   * Checks a normalized submission of {@code publisherId} (null when a dry run has no publisher yet),
   * judged by {@code policy}: the image types it allows (IMG-TYPE-1) and the Windows bases it approves
   * (WIN-BASE-1); {@code existingSku} is what the publisher has under the same SKU identifier already.
   */
  public List<Finding> check(String publisherId, SubmissionForm form, Optional<SkuHistory> existingSku,
      CertificationPolicy policy) {
    List<Finding> findings = new ArrayList<>();
    boolean offerIdOk = identifier(findings, "offerId", form.offerId());
    text(findings, "offerName", form.offerName(), MAX_OFFER_NAME, RuleId.OFFER_1);
    if (identifier(findings, "skuId", form.skuId())) {
      skuOwner(findings, form, existingSku, offerIdOk && publisherId != null ? publisherId + "/" + form.offerId() + "-" + form.skuId() : null);
    }
    if (text(findings, "skuSummary", form.skuSummary(), MAX_SKU_SUMMARY, RuleId.SKU_4)) {
      lockedSummary(findings, form.skuSummary(), existingSku.flatMap(SkuHistory::lockedSummary));
    }
    pricing(findings, form, existingSku);
    os(findings, form, policy);
    findings.addAll(DeclaredImageType.check(form, existingSku, policy));
    vmSizes(findings, form.vmSizes());
    version(findings, form.version(), existingSku.flatMap(SkuHistory::lastVersion));
    dataDisks(findings, form.dataDiskUris());
    if (form.isLinux()) {
      vmAccess.check(findings, form);
    } else if (form.isWindows()) {
      vmAccess.checkWindows(findings, form);
    }
    return findings;
  }

  /** The readable data disks of a submission, LUN by LUN, first line of a LUN only, at most the limit. */
  public Map<Integer, String> readableDataDisks(String dataDiskUris) {
    Map<Integer, String> disks = new TreeMap<>();
    for (DataDiskLines.Line line : DataDiskLines.parse(dataDiskUris)) {
      if (line.readable() && disks.size() < properties.maxDataDisks()) {
        disks.putIfAbsent(line.lun(), line.uri());
      }
    }
    return disks;
  }

  private boolean identifier(List<Finding> findings, String field, String value) {
    if (value == null) {
      findings.add(fail(RuleId.OFFER_2, field, "submission.required", field));
      return false;
    }
    if (!IDENTIFIER.matcher(value).matches()) {
      findings.add(fail(RuleId.OFFER_2, field, "OFFER-2.identifier", field, value));
      return false;
    }
    findings.add(pass(RuleId.OFFER_2, field, "OFFER-2.ok", field, value));
    return true;
  }

  private void skuOwner(List<Finding> findings, SubmissionForm form, Optional<SkuHistory> existingSku, String url) {
    if (existingSku.isPresent() && form.offerId() != null && !existingSku.get().offerId().equals(form.offerId())) {
      findings.add(fail(RuleId.SKU_3, "skuId", "SKU-3.taken", "skuId", form.skuId(), existingSku.get().offerId()));
    } else {
      findings.add(pass(RuleId.SKU_3, "skuId", url == null ? "SKU-3.ok" : "SKU-3.ok-url", "skuId", form.skuId(),
          String.valueOf(url)));
    }
  }

  /** A required plain text of at most {@code max} characters, without markup: one finding under {@code rule}. */
  public static boolean text(List<Finding> findings, String field, String value, int max, RuleId rule) {
    if (value == null) {
      findings.add(fail(rule, field, "submission.required", field));
    } else if (value.length() > max) {
      findings.add(fail(rule, field, "submission.too-long", field, max, value.length()));
    } else if (MARKUP.matcher(value).find()) {
      findings.add(fail(rule, field, "submission.markup", field));
    } else {
      findings.add(pass(rule, field, "submission.ok", field));
      return true;
    }
    return false;
  }

  /** SKU-4: once the offer went to staging, a new image of the SKU keeps the summary customers see. */
  private static void lockedSummary(List<Finding> findings, String summary, Optional<String> locked) {
    if (locked.isPresent() && !locked.get().equals(summary)) {
      findings.add(fail(RuleId.SKU_4, "skuSummary", "SKU-4.summary-locked", "skuSummary", locked.get()));
    }
  }

  private void pricing(List<Finding> findings, SubmissionForm form, Optional<SkuHistory> existingSku) {
    String model = form.pricingModel();
    if (model == null || !PRICING_MODELS.contains(model)) {
      findings.add(fail(RuleId.PRICE_1, "pricingModel", "PRICE-1.unknown", "pricingModel", String.valueOf(model),
          String.join(", ", PRICING_MODELS)));
      return;
    }
    findings.add(pass(RuleId.PRICE_1, "pricingModel", "PRICE-1.ok", "pricingModel", model));
    Integer days = form.trialDays();
    if ("freeTrial".equals(model)) {
      if (days == null) {
        findings.add(fail(RuleId.PRICE_3, "trialDays", "PRICE-3.trial-required", "trialDays", MIN_TRIAL_DAYS,
            MAX_TRIAL_DAYS));
      } else if (days < MIN_TRIAL_DAYS || days > MAX_TRIAL_DAYS) {
        findings.add(fail(RuleId.PRICE_3, "trialDays", "PRICE-3.trial-range", "trialDays", days, MIN_TRIAL_DAYS,
            MAX_TRIAL_DAYS));
      } else {
        findings.add(pass(RuleId.PRICE_3, "trialDays", "PRICE-3.ok", "trialDays", days));
      }
    } else if (days != null) {
      findings.add(fail(RuleId.PRICE_3, "trialDays", "PRICE-3.trial-not-applicable", "trialDays", model));
    }
    existingSku.filter(SkuHistory::published).ifPresent(sku -> {
      if (sku.pricingModel().equals(model)) {
        findings.add(pass(RuleId.PRICE_5, "pricingModel", "PRICE-5.ok", "pricingModel", model));
      } else if ("free".equals(sku.pricingModel())) {
        findings.add(fail(RuleId.PRICE_2, "pricingModel", "PRICE-2.free-stays-free", "pricingModel", model));
      } else {
        findings.add(fail(RuleId.PRICE_5, "pricingModel", "PRICE-5.model-locked", "pricingModel",
            sku.pricingModel(), model));
      }
    });
  }

  private void os(List<Finding> findings, SubmissionForm form, CertificationPolicy policy) {
    String family = form.osFamily();
    if (family == null || !OS_FAMILIES.contains(family)) {
      findings.add(fail(RuleId.SUB_1, "osFamily", "SUB-1.os-family-unknown", "osFamily", String.valueOf(family)));
    } else {
      findings.add(pass(RuleId.SUB_1, "osFamily", "submission.ok", "osFamily"));
    }
    if (!text(findings, "osName", form.osName(), MAX_OS_NAME, RuleId.SUB_1)) {
      return;
    }
    Set<String> words = words(form.osName());
    if (words.size() < 2) {
      findings.add(fail(RuleId.SUB_1, "osName", "SUB-1.os-name-format", "osName"));
    } else if (form.isLinux() && words.contains("windows")) {
      findings.add(fail(RuleId.SUB_1, "osName", "SUB-1.os-name-family", "osName", family));
    }
    if (form.isWindows()) {
      List<String> approved = WindowsThresholds.approvedBases(policy).stream()
          .flatMap(b -> b.names().stream()).toList();
      Optional<String> base = approved.stream().filter(b -> words.containsAll(words(b))).findFirst();
      findings.add(base.map(b -> pass(RuleId.WIN_BASE_1, "osName", "WIN-BASE-1.ok", "osName", b))
          .orElseGet(() -> fail(RuleId.WIN_BASE_1, "osName", "WIN-BASE-1.not-approved", "osName", form.osName(),
              String.join("; ", approved))));
    }
  }

  private void vmSizes(List<Finding> findings, String vmSizes) {
    List<String> sizes = vmSizes == null ? List.of()
        : Arrays.stream(vmSizes.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    List<Finding> problems = new ArrayList<>();
    if (sizes.size() != 3) {
      problems.add(fail(RuleId.SUB_1, "vmSizes", "SUB-1.vm-sizes-count", "vmSizes", sizes.size()));
    }
    if (new HashSet<>(sizes).size() != sizes.size()) {
      problems.add(fail(RuleId.SUB_1, "vmSizes", "SUB-1.vm-sizes-repeated", "vmSizes"));
    }
    for (String size : sizes) {
      if (!properties.vmSizes().contains(size)) {
        problems.add(fail(RuleId.SUB_1, "vmSizes", "SUB-1.vm-size-unknown", "vmSizes", size,
            String.join(", ", properties.vmSizes())));
      }
    }
    findings.addAll(problems);
    if (problems.isEmpty()) {
      findings.add(pass(RuleId.SUB_1, "vmSizes", "SUB-1.vm-sizes-ok", "vmSizes", String.join(", ", sizes)));
    }
  }

  private void version(List<Finding> findings, String version, Optional<ImageVersionNumber> last) {
    if (version == null) {
      findings.add(fail(RuleId.SUB_1, "version", "submission.required", "version"));
      return;
    }
    Optional<ImageVersionNumber> parsed = ImageVersionNumber.parse(version);
    if (parsed.isEmpty()) {
      findings.add(fail(RuleId.SUB_1, "version", "SUB-1.version-format", "version", version));
    } else if (last.isPresent() && parsed.get().compareTo(last.get()) <= 0) {
      findings.add(fail(RuleId.SUB_1, "version", "SUB-1.version-not-higher", "version", version,
          last.get().toString()));
    } else {
      findings.add(pass(RuleId.SUB_1, "version", "SUB-1.version-ok", "version", version));
    }
  }

  private void dataDisks(List<Finding> findings, String text) {
    List<DataDiskLines.Line> lines = DataDiskLines.parse(text);
    List<Finding> problems = new ArrayList<>();
    Map<Integer, Integer> lunLines = new HashMap<>();
    Map<String, Integer> uriLuns = new HashMap<>();
    for (DataDiskLines.Line line : lines) {
      if (!line.readable()) {
        problems.add(fail(RuleId.SUB_2, "dataDiskUris", "SUB-2.line-format", "dataDiskUris", line.number()));
        continue;
      }
      String subject = "lun" + line.lun();
      if (lunLines.putIfAbsent(line.lun(), line.number()) != null) {
        problems.add(fail(RuleId.SUB_2, subject, "SUB-2.lun-repeated", subject, line.number(),
            lunLines.get(line.lun())));
        continue;
      }
      Integer sameVhd = uriLuns.putIfAbsent(withoutQuery(line.uri()), line.lun());
      if (sameVhd != null) {
        problems.add(fail(RuleId.SKU_1, subject, "SKU-1.same-vhd", subject, "lun" + sameVhd));
      }
    }
    int count = lunLines.size();
    if (count > properties.maxDataDisks()) {
      problems.add(fail(RuleId.SUB_2, "dataDiskUris", "SUB-2.too-many", "dataDiskUris", count,
          properties.maxDataDisks()));
    }
    for (int lun = 0; lun < count; lun++) {
      if (!lunLines.containsKey(lun)) {
        problems.add(fail(RuleId.SUB_2, "lun" + lun, "SUB-2.lun-missing", "lun" + lun, count - 1));
      }
    }
    findings.addAll(problems);
    if (problems.isEmpty()) {
      findings.add(count == 0 ? pass(RuleId.SUB_2, "dataDiskUris", "SUB-2.no-data-disks", "dataDiskUris")
          : pass(RuleId.SUB_2, "dataDiskUris", "SUB-2.ok", "dataDiskUris", count, count - 1));
    }
  }

  private static Set<String> words(String text) {
    return new HashSet<>(Arrays.asList(text.toLowerCase(Locale.ROOT).split("[\\s,]+")));
  }

  private static String withoutQuery(String uri) {
    int query = uri.indexOf('?');
    return (query < 0 ? uri : uri.substring(0, query)).toLowerCase(Locale.ROOT);
  }
}
