package cn.marketplace.onboarding.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Every rule the product knows, with its severity in the catalogue; a certification policy
 * ({@code certification/policies/}) may give a rule another severity, or none, and its thresholds. The rule catalogue, {@code docs/rules.md}, says
 * what each one asks, where it comes from, which class checks it and which test shows it (and why a
 * rule has no automatic check); {@code RuleCatalogueTest} keeps the two in step. Each check names its
 * rule here, so a line of the guides leads to its check and back.
 */
public enum RuleId {
  SCOPE_1("SCOPE-1", Severity.BLOCK),
  PRICE_1("PRICE-1", Severity.BLOCK),
  PRICE_2("PRICE-2", Severity.BLOCK),
  PRICE_3("PRICE-3", Severity.INFO),
  PRICE_4("PRICE-4", Severity.INFO),
  PRICE_5("PRICE-5", Severity.BLOCK),
  APPLY_1("APPLY-1", Severity.BLOCK),
  APPLY_2("APPLY-2", Severity.INFO),
  APPLY_3("APPLY-3", Severity.BLOCK),
  APPLY_4("APPLY-4", Severity.INFO),
  ACCT_1("ACCT-1", Severity.INFO),
  ACCT_2("ACCT-2", Severity.BLOCK),
  IMG_1("IMG-1", Severity.INFO),
  ACT_1("ACT-1", Severity.BLOCK),
  ACT_2("ACT-2", Severity.BLOCK),
  ACT_3("ACT-3", Severity.REVIEW),
  ACT_4("ACT-4", Severity.INFO),
  /** One partner ID activates one organisation, unless the support team approves a second one. */
  ACT_5("ACT-5", Severity.REVIEW),
  STG_1("STG-1", Severity.REVIEW),
  STG_2("STG-2", Severity.INFO),
  STG_3("STG-3", Severity.INFO),
  REL_1("REL-1", Severity.INFO),
  OFFER_1("OFFER-1", Severity.INFO),
  OFFER_2("OFFER-2", Severity.BLOCK),
  SKU_1("SKU-1", Severity.BLOCK),
  SKU_2("SKU-2", Severity.INFO),
  SKU_3("SKU-3", Severity.BLOCK),
  SKU_4("SKU-4", Severity.BLOCK),
  SKU_5("SKU-5", Severity.BLOCK),
  LNX_SIZE_1("LNX-SIZE-1", Severity.BLOCK),
  DISK_1("DISK-1", Severity.BLOCK),
  LNX_AGENT_1("LNX-AGENT-1", Severity.BLOCK),
  LNX_LIB_1("LNX-LIB-1", Severity.BLOCK),
  LNX_LIB_2("LNX-LIB-2", Severity.WARN),
  LNX_LIB_3("LNX-LIB-3", Severity.BLOCK),
  LNX_LIB_4("LNX-LIB-4", Severity.BLOCK),
  LNX_LIB_5("LNX-LIB-5", Severity.BLOCK),
  LNX_DISK_1("LNX-DISK-1", Severity.BLOCK),
  LNX_BOOT_1("LNX-BOOT-1", Severity.BLOCK),
  LNX_SSH_1("LNX-SSH-1", Severity.BLOCK),
  LNX_NET_1("LNX-NET-1", Severity.BLOCK),
  LNX_NET_2("LNX-NET-2", Severity.WARN),
  LNX_NET_3("LNX-NET-3", Severity.BLOCK),
  LNX_NET_4("LNX-NET-4", Severity.BLOCK),
  LNX_NET_5("LNX-NET-5", Severity.WARN),
  LNX_SEC_1("LNX-SEC-1", Severity.WARN),
  LNX_SEC_2("LNX-SEC-2", Severity.INFO),
  LNX_SEC_3("LNX-SEC-3", Severity.BLOCK),
  LNX_SEC_4("LNX-SEC-4", Severity.BLOCK),
  LNX_SEC_5("LNX-SEC-5", Severity.WARN),
  LNX_GEN_1("LNX-GEN-1", Severity.BLOCK),
  LNX_GEN_2("LNX-GEN-2", Severity.BLOCK),
  WIN_BASE_1("WIN-BASE-1", Severity.BLOCK),
  WIN_SIZE_1("WIN-SIZE-1", Severity.BLOCK),
  WIN_PATCH_1("WIN-PATCH-1", Severity.WARN),
  WIN_TASK_1("WIN-TASK-1", Severity.INFO),
  WIN_GEN_1("WIN-GEN-1", Severity.BLOCK),
  DEPLOY_1("DEPLOY-1", Severity.INFO),
  CERT_1("CERT-1", Severity.INFO),
  CERT_2("CERT-2", Severity.BLOCK),
  CERT_3("CERT-3", Severity.BLOCK),
  CERT_4("CERT-4", Severity.INFO),
  CERT_5("CERT-5", Severity.INFO),
  /** The certification connects only to public addresses on allowed SSH ports. */
  CERT_6("CERT-6", Severity.BLOCK),
  SAS_1("SAS-1", Severity.BLOCK),
  SAS_2("SAS-2", Severity.BLOCK),
  SAS_3("SAS-3", Severity.BLOCK),
  SAS_4("SAS-4", Severity.BLOCK),
  SAS_5("SAS-5", Severity.WARN),
  SAS_6("SAS-6", Severity.BLOCK),
  SAS_7("SAS-7", Severity.BLOCK),
  SAS_8("SAS-8", Severity.BLOCK),
  SUB_1("SUB-1", Severity.BLOCK),
  SUB_2("SUB-2", Severity.BLOCK),
  SUB_3("SUB-3", Severity.INFO),
  NEXT_1("NEXT-1", Severity.INFO),
  VHD_FMT_1("VHD-FMT-1", Severity.BLOCK),
  VHD_FMT_2("VHD-FMT-2", Severity.BLOCK),
  VHD_FMT_3("VHD-FMT-3", Severity.BLOCK),
  VHD_BLOB_1("VHD-BLOB-1", Severity.BLOCK),
  LNX_ARCH_1("LNX-ARCH-1", Severity.BLOCK),
  LNX_AGENT_2("LNX-AGENT-2", Severity.BLOCK),
  // Microsoft's Linux image checks of today (LISA azure_image_standard); the 2015 policy does not apply them
  LNX_DISK_2("LNX-DISK-2", Severity.BLOCK),
  LNX_BOOT_2("LNX-BOOT-2", Severity.BLOCK),
  LNX_SEC_6("LNX-SEC-6", Severity.BLOCK),
  LNX_SEC_7("LNX-SEC-7", Severity.BLOCK),
  LNX_OMI_1("LNX-OMI-1", Severity.BLOCK),
  LNX_KVP_1("LNX-KVP-1", Severity.WARN),
  LNX_KMOD_1("LNX-KMOD-1", Severity.BLOCK),
  LNX_CINIT_1("LNX-CINIT-1", Severity.BLOCK),
  LNX_REPO_1("LNX-REPO-1", Severity.BLOCK),
  LNX_NET_6("LNX-NET-6", Severity.BLOCK),
  /** SUSE's DHCP client does not set the host name ({@code DHCLIENT_SET_HOSTNAME="no"}). */
  LNX_NET_7("LNX-NET-7", Severity.BLOCK),
  /** The kernel carries the TCP SACK fixes (CVE-2019-11477, CVE-2019-11478, CVE-2019-11479). */
  LNX_KERN_1("LNX-KERN-1", Severity.BLOCK),
  /** The SKU declares its generation (gen1, gen2) and architecture (x64, arm64), and keeps them. */
  IMG_TYPE_1("IMG-TYPE-1", Severity.BLOCK),
  /** The OS disk is partitioned for its generation: GPT with an EFI system partition (gen2), MBR boot (gen1). */
  IMG_TYPE_2("IMG-TYPE-2", Severity.BLOCK),
  /** The VM runs the declared architecture ({@code uname -m}). */
  IMG_TYPE_3("IMG-TYPE-3", Severity.BLOCK),
  /** The kernel writes to the architecture's serial console: ttyS0 on x64, ttyAMA0 on arm64. */
  IMG_TYPE_4("IMG-TYPE-4", Severity.BLOCK),
  /** The VM booted by the declared generation's firmware: UEFI for gen2, BIOS for gen1. */
  IMG_TYPE_5("IMG-TYPE-5", Severity.BLOCK),
  // Windows run by the product over SSH: Microsoft's Windows test cases and policies of today
  WIN_ARCH_1("WIN-ARCH-1", Severity.BLOCK),
  WIN_RDP_1("WIN-RDP-1", Severity.BLOCK),
  WIN_BITLOCKER_1("WIN-BITLOCKER-1", Severity.BLOCK),
  WIN_ROLE_1("WIN-ROLE-1", Severity.BLOCK),
  WIN_SMB_1("WIN-SMB-1", Severity.BLOCK),
  WIN_TLS_1("WIN-TLS-1", Severity.BLOCK);

  private final String id;
  private final Severity severity;

  RuleId(String id, Severity severity) {
    this.id = id;
    this.severity = severity;
  }

  /** The ID as the catalogue writes it, e.g. {@code SAS-2}. */
  @JsonValue
  public String id() {
    return id;
  }

  public Severity severity() {
    return severity;
  }

  @JsonCreator
  public static RuleId of(String id) {
    for (RuleId rule : values()) {
      if (rule.id.equals(id)) {
        return rule;
      }
    }
    throw new IllegalArgumentException("unknown rule: " + id);
  }

  @Override
  public String toString() {
    return id;
  }
}
