package cn.marketplace.onboarding.certification.linux;

import cn.marketplace.onboarding.catalog.ImageType;
import cn.marketplace.onboarding.certification.policy.CertificationPolicy;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The Linux image rules of the VM image guide (section 2) checked on a {@link ProbeReport}: one
 * check per rule, each giving pass, warning or fail with the evidence it saw, grouped by rule family
 * ({@link AgentAndLibraryChecks}, {@link DiskAndBootChecks}, {@link NetworkChecks}, {@link KernelChecks},
 * {@link SecurityAndGeneralizationChecks}). Message keys are {@code <rule>.<case>} in
 * {@code messages/certification}.
 */
@Component
public class LinuxChecks {

  /** The subject of every finding about the certification VM. */
  public static final String SUBJECT = "vm";

  /**
   * Every Linux check, in the order of the guide, then those Microsoft added since; each reads its
   * thresholds from {@code policy}. The findings are as the checks saw them: {@link CertificationPolicy#judge}
   * then drops those of rules the policy does not apply and grades the rest.
   *
   * @param loginUser the account the certification logged in with: Azure created it when it
   *     provisioned the VM, so its password and keys are not the image's
   */
  public List<Finding> check(ProbeReport report, String loginUser, CertificationPolicy policy) {
    return check(report, loginUser, policy, ImageType.X64_GEN1);
  }

  /** Every Linux check, then those of the image type the SKU declares (IMG-TYPE-3 to IMG-TYPE-5). */
  public List<Finding> check(ProbeReport report, String loginUser, CertificationPolicy policy, ImageType imageType) {
    Distribution distribution = Distribution.of(report);
    List<Finding> findings = new ArrayList<>();
    findings.add(AgentAndLibraryChecks.agentInstalled(report, distribution));
    findings.add(AgentAndLibraryChecks.agentVersion(report, policy.thresholds(RuleId.LNX_AGENT_2)));
    findings.add(AgentAndLibraryChecks.kernel(report, policy.thresholds(RuleId.LNX_LIB_1)));
    findings.add(AgentAndLibraryChecks.storvsc(report));
    findings.add(AgentAndLibraryChecks.python(report, policy.thresholds(RuleId.LNX_LIB_3)));
    findings.add(AgentAndLibraryChecks.pyasn1(report));
    findings.add(AgentAndLibraryChecks.openssl(report, policy.thresholds(RuleId.LNX_LIB_5)));
    findings.addAll(DiskAndBootChecks.disks(report));
    if (policy.applies(RuleId.LNX_BOOT_1) && imageType.architecture() == ImageType.Architecture.X64) {
      // the 2015 guide's ttyS0 parameters are x86's; an Arm64 image's console is IMG-TYPE-4's
      findings.add(DiskAndBootChecks.bootParameters(report, policy.thresholds(RuleId.LNX_BOOT_1)));
    }
    findings.add(NetworkChecks.sshKeepAlive(report, policy.thresholds(RuleId.LNX_SSH_1)));
    findings.add(NetworkChecks.networkManager(report, distribution));
    findings.add(NetworkChecks.ifupdown(report));
    findings.addAll(NetworkChecks.customNetwork(report));
    findings.add(NetworkChecks.dhcpAtBoot(report));
    findings.add(NetworkChecks.ipv6(report));
    findings.add(SecurityAndGeneralizationChecks.securityUpdates(report));
    findings.add(SecurityAndGeneralizationChecks.accounts(report, loginUser, policy.thresholds(RuleId.LNX_SEC_3)));
    findings.add(SecurityAndGeneralizationChecks.history(report, loginUser, policy.thresholds(RuleId.LNX_SEC_4)));
    findings.add(SecurityAndGeneralizationChecks.iptables(report));
    findings.addAll(SecurityAndGeneralizationChecks.generalized(report));
    findings.add(SecurityAndGeneralizationChecks.provisioningSettings(report));
    findings.add(SecurityAndGeneralizationChecks.architecture(report, policy.thresholds(RuleId.LNX_ARCH_1)));
    // Microsoft's checks of today (LISA azure_image_standard)
    if (policy.applies(RuleId.LNX_DISK_2)) {
      findings.add(DiskAndBootChecks.swapFiles(report));
    }
    if (policy.applies(RuleId.LNX_BOOT_2)) {
      findings.add(DiskAndBootChecks.bootParameters(report, distribution, policy.thresholds(RuleId.LNX_BOOT_2)));
    }
    if (policy.applies(RuleId.LNX_NET_6)) {
      findings.add(NetworkChecks.persistentNetRules(report));
    }
    if (policy.applies(RuleId.LNX_NET_7)) {
      findings.add(NetworkChecks.suseDhcpHostname(report, distribution));
    }
    if (policy.applies(RuleId.LNX_KERN_1)) {
      findings.add(KernelChecks.sackFixes(report, distribution, policy.thresholds(RuleId.LNX_KERN_1)));
    }
    if (policy.applies(RuleId.LNX_SEC_6)) {
      findings.add(SecurityAndGeneralizationChecks.authorizedKeys(report, loginUser));
    }
    if (policy.applies(RuleId.LNX_SEC_7)) {
      findings.add(SecurityAndGeneralizationChecks.targetpw(report));
    }
    if (policy.applies(RuleId.LNX_OMI_1)) {
      findings.add(PlatformChecks.omi(report, policy.thresholds(RuleId.LNX_OMI_1)));
    }
    if (policy.applies(RuleId.LNX_KVP_1)) {
      findings.add(PlatformChecks.kvpDaemon(report, distribution, policy.thresholds(RuleId.LNX_KVP_1)));
    }
    if (policy.applies(RuleId.LNX_KMOD_1)) {
      findings.add(PlatformChecks.kernelModules(report, policy.thresholds(RuleId.LNX_KMOD_1)));
    }
    if (policy.applies(RuleId.LNX_CINIT_1)) {
      findings.add(PlatformChecks.cloudInit(report));
    }
    if (policy.applies(RuleId.LNX_REPO_1)) {
      findings.add(PlatformChecks.repositories(report));
    }
    findings.addAll(ImageTypeChecks.check(report, imageType, policy));
    return findings;
  }
}
