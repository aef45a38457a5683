package cn.marketplace.onboarding.submission;

import cn.marketplace.onboarding.catalog.ImageVersion;
import cn.marketplace.onboarding.catalog.ImageVersionNumber;
import cn.marketplace.onboarding.catalog.ImageVersionRepository;
import cn.marketplace.onboarding.catalog.Offer;
import cn.marketplace.onboarding.catalog.OfferRepository;
import cn.marketplace.onboarding.catalog.SkuHistory;
import cn.marketplace.onboarding.catalog.SkuRepository;
import cn.marketplace.onboarding.certification.policy.CertificationPolicy;
import cn.marketplace.onboarding.certification.policy.PolicySchedule;
import cn.marketplace.onboarding.certification.policy.SubmissionPolicies;
import cn.marketplace.onboarding.process.ImageCertification;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.submission.vhd.SasUri;
import cn.marketplace.onboarding.submission.vhd.SasUriCheck;
import cn.marketplace.onboarding.submission.vhd.SasUriChecks;
import cn.marketplace.onboarding.submission.vhd.VhdCheckReport;
import cn.marketplace.onboarding.submission.vhd.VhdCheckService;
import cn.marketplace.onboarding.submission.vhd.VhdDisk;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Every check of a submission: the submission rules against the SKU's history, each VHD through the
 * Storage SDK, and the Windows results' SAS URI; and the SAS URIs as reminders and forms show them.
 */
@Component
class SubmissionCheckRun {

  private final OfferRepository offers;
  private final SkuRepository skus;
  private final ImageVersionRepository versions;
  private final SubmissionChecks submissionChecks;
  private final VhdCheckService vhdChecks;
  private final SasUriChecks sasUriChecks;
  private final SubmissionPolicies policies;
  private final PolicySchedule schedule;

  SubmissionCheckRun(OfferRepository offers, SkuRepository skus, ImageVersionRepository versions,
      SubmissionChecks submissionChecks, VhdCheckService vhdChecks, SasUriChecks sasUriChecks,
      SubmissionPolicies policies, PolicySchedule schedule) {
    this.offers = offers;
    this.skus = skus;
    this.versions = versions;
    this.submissionChecks = submissionChecks;
    this.vhdChecks = vhdChecks;
    this.sasUriChecks = sasUriChecks;
    this.policies = policies;
    this.schedule = schedule;
  }

  /** The findings, and the earliest expiry among every SAS URI checked (VHDs and Windows results). */
  record Checked(List<Finding> findings, VhdCheckReport vhds, Optional<Instant> earliestSasExpiry) {}

  /**
   * Every check of {@code form}, judged by the submission's recorded policy once it has one, else by the
   * one in force; {@code submissionId}, when stored, is left out of its SKU's history.
   */
  Checked run(String publisherId, SubmissionForm form, Instant now, String submissionId) {
    CertificationPolicy policy = submissionId == null ? schedule.inForce(now) : policies.forChecks(submissionId, now);
    List<Finding> findings = new ArrayList<>(submissionChecks.check(publisherId, form,
        publisherId == null ? Optional.empty() : skuHistory(publisherId, form.skuId(), submissionId), policy));
    List<VhdDisk> disks = new ArrayList<>();
    disks.add(VhdDisk.os(form.isWindows(), form.osVhdUri(), form.imageType().generation()));
    submissionChecks.readableDataDisks(form.dataDiskUris()).forEach((lun, uri) -> disks.add(VhdDisk.data(lun, uri)));
    VhdCheckReport vhds = vhdChecks.check(disks, now, policy);
    findings.addAll(vhds.findings());
    Optional<Instant> earliestSasExpiry = vhds.earliestSasExpiry();
    if (form.isWindows() && !VmAccessChecks.givesVm(form) && form.windowsResultsUri() != null) {
      SasUriCheck results =
          sasUriChecks.checkFileUri(ImageCertification.WINDOWS_RESULTS_URI, form.windowsResultsUri(), now);
      findings.addAll(results.findings());
      earliestSasExpiry = VhdCheckService.earliest(earliestSasExpiry, results.expiry());
    }
    return new Checked(findings, vhds, earliestSasExpiry);
  }

  /**
   * The SKU's earlier images, without the one of {@code submissionId}: a submission sent back after
   * its VHDs were accepted (a failed certification) is checked against the others only.
   */
  private Optional<SkuHistory> skuHistory(String publisherId, String skuId, String submissionId) {
    if (skuId == null) {
      return Optional.empty();
    }
    return skus.findByPublisherIdAndSkuId(publisherId, skuId).map(sku -> {
      List<ImageVersion> images = versions.findBySkuRef(sku.getId()).stream()
          .filter(v -> !v.getSubmissionId().equals(submissionId)).toList();
      String offerId = offers.findById(sku.getOfferRef()).map(Offer::getOfferId).orElseThrow();
      return new SkuHistory(offerId, sku.getPricingModel(),
          images.stream().anyMatch(ImageVersion::isPublished),
          images.stream().map(v -> ImageVersionNumber.parse(v.getVersion())).flatMap(Optional::stream)
              .max(ImageVersionNumber::compareTo),
          sku.isSummaryLocked() ? Optional.of(sku.getSummary()) : Optional.empty(),
          images.isEmpty() ? Optional.empty() : Optional.of(sku.getImageType()));
    });
  }

  String maskedUris(SubmissionForm form) {
    List<String> lines = new ArrayList<>();
    if (form.osVhdUri() != null) {
      lines.add("osVhd: " + SasUri.mask(form.osVhdUri()));
    }
    submissionChecks.readableDataDisks(form.dataDiskUris())
        .forEach((lun, uri) -> lines.add("lun" + lun + ": " + SasUri.mask(uri)));
    if (form.windowsResultsUri() != null) {
      lines.add("windowsResultsUri: " + SasUri.mask(form.windowsResultsUri()));
    }
    return String.join("\n", lines);
  }
}
