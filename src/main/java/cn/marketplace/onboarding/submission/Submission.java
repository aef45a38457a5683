package cn.marketplace.onboarding.submission;

import cn.marketplace.onboarding.catalog.ImageType;
import cn.marketplace.onboarding.certification.linux.VmAccess;
import cn.marketplace.onboarding.certification.report.CertificationReport;
import cn.marketplace.onboarding.persistence.AssignedIdEntity;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.StoredFindings;
import cn.marketplace.onboarding.security.SecretBox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Column;
import org.springframework.data.relational.core.mapping.Table;

/**
 * One image submission for a SKU version, from its start through the acceptance of its VHDs to its
 * certification. The SAS URIs and the VM credentials are kept only encrypted ({@link SecretBox}), and
 * the VM credentials only until the submission is certified or its instance ends.
 */
@Table("submission")
public class Submission extends AssignedIdEntity {

  /**
   * Where the submission stands: {@code QUESTIONNAIRE} once the certification tests passed,
   * {@code CLOSED} when its instance ended without certifying it.
   */
  public enum Status { REGISTERED, NEEDS_FIX, IN_REVIEW, VHDS_ACCEPTED, QUESTIONNAIRE, CERTIFIED, CLOSED }

  @Id
  private String id;
  private String publisherId;
  private String processInstanceId;
  private Status status;
  private String offerId;
  private String offerName;
  private String skuId;
  private String skuSummary;
  private String pricingModel;
  private Integer trialDays;
  private String osFamily;
  private String generation;
  private String architecture;
  private String osName;
  private String vmSizes;
  private String version;
  @Column("os_vhd_uri_enc")
  private String osVhdUriEncrypted;
  @Column("data_disk_uris_enc")
  private String dataDiskUrisEncrypted;
  @Column("windows_results_uri_enc")
  private String windowsResultsUriEncrypted;
  private String vmHost;
  private Integer vmPort;
  private String vmUser;
  @Column("vm_password_enc")
  private String vmPasswordEncrypted;
  @Column("vm_private_key_enc")
  private String vmPrivateKeyEncrypted;
  /** The VM's SSH host key as first seen by this submission's certification (trust on first use). */
  @Column("vm_host_key")
  private String vmHostKey;
  private String reviewComment;
  private Instant createdAt;
  private Instant updatedAt;
  private Instant checkedAt;
  /** The earliest expiry among the SAS URIs of the last check, read from them then: what the expiry reminder tells. */
  private Instant sasExpiresAt;
  /** The last check's findings, passes included, then those of the certification runs since ({@link StoredFindings}). */
  @Column("findings")
  private String findingsJson;

  protected Submission() {}

  static Submission register(String publisherId, SubmissionForm form, SecretBox secrets, Instant now) {
    Submission submission = new Submission();
    submission.id = UUID.randomUUID().toString();
    submission.publisherId = publisherId;
    submission.createdAt = now;
    submission.status = Status.REGISTERED;
    submission.update(form, secrets, now);
    return submission;
  }

  /**
   * Takes the fields of a (re)submitted form. A secret left empty in a fix keeps the one stored:
   * the fix form never shows secrets, so an empty field means "unchanged".
   */
  void update(SubmissionForm form, SecretBox secrets, Instant now) {
    offerId = form.offerId();
    offerName = form.offerName();
    skuId = form.skuId();
    skuSummary = form.skuSummary();
    pricingModel = form.pricingModel();
    trialDays = form.trialDays();
    osFamily = form.osFamily();
    generation = form.imageType().generation().value();
    architecture = form.imageType().architecture().value();
    osName = form.osName();
    vmSizes = form.vmSizes();
    version = form.version();
    if (!Objects.equals(vmHost, form.vmHost()) || !Objects.equals(vmPort, form.vmPort())) {
      // another machine: its host key is trusted on its first use again
      vmHostKey = null;
    }
    vmHost = form.vmHost();
    vmPort = form.vmPort();
    vmUser = form.vmUser();
    if (form.osVhdUri() != null) {
      osVhdUriEncrypted = secrets.encrypt(form.osVhdUri());
    }
    if (form.dataDiskUris() != null) {
      dataDiskUrisEncrypted = secrets.encrypt(form.dataDiskUris());
    }
    if (form.windowsResultsUri() != null) {
      windowsResultsUriEncrypted = secrets.encrypt(form.windowsResultsUri());
    }
    if (form.vmPassword() != null || form.vmPrivateKey() != null) {
      vmPasswordEncrypted = secrets.encrypt(form.vmPassword());
      vmPrivateKeyEncrypted = secrets.encrypt(form.vmPrivateKey());
    }
    status = Status.REGISTERED;
    updatedAt = now;
  }

  /** The submission without its secrets: what a fix starts from. */
  SubmissionForm publicForm() {
    return new SubmissionForm(offerId, offerName, skuId, skuSummary, pricingModel, trialDays, osFamily, osName,
        vmSizes, version, null, null, vmHost, vmPort, vmUser, null, null, null, generation, architecture);
  }

  /** The whole submission, secrets decrypted: for the checks, never for an answer. */
  public SubmissionForm reveal(SecretBox secrets) {
    return new SubmissionForm(offerId, offerName, skuId, skuSummary, pricingModel, trialDays, osFamily, osName,
        vmSizes, version, secrets.decrypt(osVhdUriEncrypted), secrets.decrypt(dataDiskUrisEncrypted), vmHost,
        vmPort, vmUser, secrets.decrypt(vmPasswordEncrypted), secrets.decrypt(vmPrivateKeyEncrypted),
        secrets.decrypt(windowsResultsUriEncrypted), generation, architecture);
  }

  /** How the certification reaches the VM, its credentials decrypted: for the SSH login only. */
  public VmAccess vmAccess(SecretBox secrets) {
    String password = secrets.decrypt(vmPasswordEncrypted);
    String privateKey = secrets.decrypt(vmPrivateKeyEncrypted);
    int port = vmPort == null ? VmAccess.DEFAULT_PORT : vmPort;
    return privateKey == null ? VmAccess.withPassword(vmHost, port, vmUser, password)
        : VmAccess.withPrivateKey(vmHost, port, vmUser, privateKey, null);
  }

  /** The image as it is submitted now, for a certification report. */
  public CertificationReport.Image image() {
    return new CertificationReport.Image(publisherId, id, offerId, offerName, skuId, version, osFamily, osName,
        vmSizes);
  }

  public void trustHostKey(String fingerprint) {
    vmHostKey = fingerprint;
  }

  /** The certification's findings join the last check's; a failed test sends the submission back to the ISV. */
  public void recordCertification(List<Finding> certificationFindings, boolean testsPassed, Instant now) {
    List<Finding> all = new ArrayList<>(findings());
    all.addAll(certificationFindings);
    findingsJson = StoredFindings.toJson(all);
    status = testsPassed ? Status.QUESTIONNAIRE : Status.NEEDS_FIX;
    checkedAt = now;
  }

  public void certify(Instant now) {
    status = Status.CERTIFIED;
    forgetVmCredentials(now);
  }

  /** Its instance ended: the VM credentials go, whatever the outcome; an uncertified submission is closed. */
  public void close(Instant now) {
    if (status != Status.CERTIFIED) {
      status = Status.CLOSED;
    }
    forgetVmCredentials(now);
  }

  private void forgetVmCredentials(Instant now) {
    if (vmPasswordEncrypted != null || vmPrivateKeyEncrypted != null) {
      vmPasswordEncrypted = null;
      vmPrivateKeyEncrypted = null;
      updatedAt = now;
    }
  }

  /** The image is live (REL-1): the marketplace has its copy, so the SAS URIs that open the ISV's disks go. */
  void forgetSasUris(Instant now) {
    if (holdsSasUris()) {
      osVhdUriEncrypted = null;
      dataDiskUrisEncrypted = null;
      windowsResultsUriEncrypted = null;
      sasExpiresAt = null;
      updatedAt = now;
    }
  }

  /** Whether a SAS URI of the VHDs or of the Windows results is still stored. */
  public boolean holdsSasUris() {
    return osVhdUriEncrypted != null || dataDiskUrisEncrypted != null || windowsResultsUriEncrypted != null;
  }

  /** Whether a VM password or private key is still stored. */
  public boolean holdsVmCredentials() {
    return vmPasswordEncrypted != null || vmPrivateKeyEncrypted != null;
  }

  void recordCheck(List<Finding> newFindings, Status outcome, Instant earliestSasExpiry, Instant now) {
    findingsJson = StoredFindings.toJson(newFindings);
    status = outcome;
    sasExpiresAt = earliestSasExpiry;
    checkedAt = now;
  }

  void sendBack(String comment, Instant now) {
    status = Status.NEEDS_FIX;
    reviewComment = comment;
    updatedAt = now;
  }

  void accept(Instant now) {
    status = Status.VHDS_ACCEPTED;
    updatedAt = now;
  }

  void attachTo(String processInstanceId) {
    this.processInstanceId = processInstanceId;
  }

  public List<Finding> findings() {
    return StoredFindings.fromJson(findingsJson);
  }

  public String getId() { return id; }
  public String getPublisherId() { return publisherId; }
  public String getProcessInstanceId() { return processInstanceId; }
  public Status getStatus() { return status; }
  public String getOfferId() { return offerId; }
  public String getOfferName() { return offerName; }
  public String getSkuId() { return skuId; }
  public String getSkuSummary() { return skuSummary; }
  public String getPricingModel() { return pricingModel; }
  public Integer getTrialDays() { return trialDays; }
  public String getOsFamily() { return osFamily; }
  public ImageType getImageType() { return ImageType.of(generation, architecture); }
  public String getVersion() { return version; }
  public String getVmHostKey() { return vmHostKey; }
  public String getReviewComment() { return reviewComment; }
  public Optional<Instant> sasExpiresAt() { return Optional.ofNullable(sasExpiresAt); }
}
