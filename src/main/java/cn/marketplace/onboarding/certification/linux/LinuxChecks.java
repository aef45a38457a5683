package cn.marketplace.onboarding.certification.linux;

import cn.marketplace.onboarding.catalog.ImageType;
import cn.marketplace.onboarding.rules.Finding;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The Linux image rules of the VM image guide (section 2) checked on a {@link ProbeReport}: one
 * check per rule, each giving pass, warning or fail with the evidence it saw, grouped by rule family
 * ({@link AgentAndLibraryChecks}, {@link DiskAndBootChecks}, {@link NetworkChecks},
 * {@link SecurityAndGeneralizationChecks}). Message keys are {@code <rule>.<case>} in
 * {@code messages/certification}.
 */
@Component
public class LinuxChecks {

  /** The subject of every finding about the certification VM. */
  public static final String SUBJECT = "vm";

  /**
   * Every Linux check, in the order of the guide.
   *
   * @param loginUser the account the certification logged in with: Azure created it when it
   *     provisioned the VM, so its password and history are not the image's
   */
  public List<Finding> check(ProbeReport report, String loginUser) {
    return check(report, loginUser, ImageType.X64_GEN1);
  }

  /** Every Linux check, then those of the image type the SKU declares (IMG-TYPE-3 to IMG-TYPE-5). */
  public List<Finding> check(ProbeReport report, String loginUser, ImageType imageType) {
    Distribution distribution = Distribution.of(report);
    List<Finding> findings = new ArrayList<>();
    findings.add(AgentAndLibraryChecks.agentInstalled(report, distribution));
    findings.add(AgentAndLibraryChecks.agentVersion(report));
    findings.add(AgentAndLibraryChecks.kernel(report));
    findings.add(AgentAndLibraryChecks.storvsc(report));
    findings.add(AgentAndLibraryChecks.python(report));
    findings.add(AgentAndLibraryChecks.pyasn1(report));
    findings.add(AgentAndLibraryChecks.openssl(report));
    findings.addAll(DiskAndBootChecks.disks(report));
    if (imageType.architecture() == ImageType.Architecture.X64) {
      // the 2015 guide's ttyS0 parameters are x86's; an Arm64 image's console is IMG-TYPE-4's
      findings.add(DiskAndBootChecks.bootParameters(report));
    }
    findings.add(NetworkChecks.sshKeepAlive(report));
    findings.add(NetworkChecks.networkManager(report, distribution));
    findings.add(NetworkChecks.ifupdown(report));
    findings.addAll(NetworkChecks.customNetwork(report));
    findings.add(NetworkChecks.dhcpAtBoot(report));
    findings.add(NetworkChecks.ipv6(report));
    findings.add(SecurityAndGeneralizationChecks.securityUpdates(report));
    findings.add(SecurityAndGeneralizationChecks.accounts(report, loginUser));
    findings.add(SecurityAndGeneralizationChecks.history(report, loginUser));
    findings.add(SecurityAndGeneralizationChecks.iptables(report));
    findings.addAll(SecurityAndGeneralizationChecks.generalized(report));
    findings.add(SecurityAndGeneralizationChecks.provisioningSettings(report));
    findings.add(SecurityAndGeneralizationChecks.architecture(report));
    findings.addAll(ImageTypeChecks.check(report, imageType));
    return findings;
  }
}
