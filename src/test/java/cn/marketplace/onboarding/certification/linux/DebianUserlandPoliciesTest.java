package cn.marketplace.onboarding.certification.linux;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.certification.policy.CertificationPolicy;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.Result;
import cn.marketplace.onboarding.testsupport.DebianVm;
import cn.marketplace.onboarding.testsupport.SampleVmServer;
import cn.marketplace.onboarding.testsupport.TestPolicies;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real Debian 12 userland of {@link DebianUserlandCertificationTest} judged by both shipped
 * policies: the good image certifies under the 2015 guides and under Microsoft's checks of today; each
 * change that breaks a rule of today fails under {@code azure-current} with that rule named, and where
 * the two disagree the 2015 policy lets it pass.
 *
 * <p>The root has no kernel of its own: its kernel configuration is planted as {@code /boot/config-<release>}
 * of the running kernel, with the watchdog and CIFS options a Debian cloud kernel has. Debian 12 is in no
 * row of Microsoft's table of kernels with the TCP SACK fixes (LNX-KERN-1), so the fixes' sysctl
 * {@code /proc/sys/net/ipv4/tcp_min_snd_mss} decides: it is planted over the running kernel's, so that
 * the result does not depend on the host; a change hides it by covering {@code /proc/sys/net/ipv4} with a
 * directory that lacks it.
 */
class DebianUserlandPoliciesTest {

  private static final String KERNEL_CONFIG = "/boot/config-" + System.getProperty("os.version");
  private static final String GOOD_KERNEL = "CONFIG_WATCHDOG=y\nCONFIG_CIFS=m\n";
  private static final String FIX_SYSCTL = "/proc/sys/net/ipv4/tcp_min_snd_mss";
  /** Planted, it covers the kernel's /proc/sys/net/ipv4 with a directory without {@link #FIX_SYSCTL}. */
  private static final String WITHOUT_FIX_SYSCTL = "/proc/sys/net/ipv4/.without-tcp_min_snd_mss";
  /** What Debian 10's kernel of June 2019, before the fixes, writes in /proc/version. */
  private static final String BUSTER_UNPATCHED = "Linux version 4.19.0-5-amd64 (debian-kernel@lists.debian.org)"
      + " (gcc version 8.3.0 (Debian 8.3.0-6)) #1 SMP Debian 4.19.37-4 (2019-06-17)\n";

  private final LinuxCertificationService service = new LinuxCertificationService(
      new LinuxVmProbe(SampleVmServer.allowingSampleVms(CertificationProperties.defaults())), new LinuxChecks());

  @BeforeAll
  static void buildRoot() {
    DebianVm.ensureRoot();
  }

  @Test
  void theGoodImageCertifiesUnderBothPolicies() {
    try (DebianVm vm = DebianVm.start(goodFiles(), List.of(), List.of())) {
      LinuxCertificationResult old = certify(vm, TestPolicies.AZURE_CHINA_2015);
      LinuxCertificationResult today = certify(vm, TestPolicies.AZURE_CURRENT);
      today.findings().forEach(f -> System.out.println(f.ruleId().id() + " " + f.result().value() + ": " + f.evidence()));

      assertThat(problems(old)).isEmpty();
      assertThat(problems(today)).isEmpty();
      assertThat(old.certified()).isTrue();
      assertThat(today.certified()).isTrue();
      // every finding names the policy that judged it
      assertThat(old.findings()).extracting(Finding::policy).containsOnly(TestPolicies.AZURE_CHINA_2015.ref());
      assertThat(today.findings()).extracting(Finding::policy).containsOnly(TestPolicies.AZURE_CURRENT.ref());
      // today's rules ran on the real image; the 2015 policy does not apply them
      assertThat(rules(today)).contains("LNX-DISK-2", "LNX-SEC-6", "LNX-SEC-7", "LNX-OMI-1", "LNX-KVP-1", "LNX-KMOD-1",
          "LNX-CINIT-1", "LNX-REPO-1", "LNX-NET-6", "LNX-BOOT-2", "LNX-NET-7", "LNX-KERN-1");
      assertThat(rules(old)).doesNotContain("LNX-DISK-2", "LNX-SEC-6", "LNX-SEC-7", "LNX-OMI-1", "LNX-KMOD-1",
          "LNX-NET-7", "LNX-KERN-1");
      assertThat(evidence(today, "LNX-KERN-1")).isEqualTo("net.ipv4.tcp_min_snd_mss present: the 2019 fix set (NFLX-2019-001)");
      assertThat(messageKey(today, "LNX-NET-7")).isEqualTo("LNX-NET-7.not-suse");
      assertThat(evidence(today, "LNX-REPO-1")).contains("/etc/apt/sources.list (3)");
      assertThat(evidence(today, "LNX-KMOD-1")).contains("CONFIG_CIFS=m");
    }
  }

  static Stream<Arguments> changes() {
    String sshdConfig = DebianVm.imageFile("/etc/ssh/sshd_config");
    return Stream.of(
        // where the 2015 guide and today disagree
        Arguments.of("ClientAliveInterval 20", DebianVm.files("/etc/ssh/sshd_config",
            sshdConfig.replace("ClientAliveInterval 180", "ClientAliveInterval 20")), List.of(), "LNX-SSH-1 fail", null),
        Arguments.of("a swap file", DebianVm.files("/proc/swaps", "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n"
            + "/swapfile                               file\t\t2097148\t\t0\t\t-2\n"), List.of(), null, "LNX-DISK-2 fail"),
        Arguments.of("the login user's 4 KB .bash_history", DebianVm.files("/home/" + DebianVm.USER + "/.bash_history",
            "sudo apt-get install nginx\n".repeat(160)), List.of(), null, "LNX-SEC-4 fail"),
        Arguments.of("a service account's history outside /home", DebianVm.files(
            "/etc/passwd", DebianVm.imageFile("/etc/passwd")
                + DebianVm.USER + ":x:1000:1000::/home/" + DebianVm.USER + ":/bin/bash\n"
                + "builder:x:1500:1500::/srv/builder:/bin/sh\n",
            "/srv/builder/.sh_history", "make install\n".repeat(8)), List.of(), null, "LNX-SEC-4 fail"),
        // today's rules
        Arguments.of("root's authorized_keys", DebianVm.files("/root/.ssh/authorized_keys",
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl builder@build\n"),
            List.of(), null, "LNX-SEC-6 fail"),
        Arguments.of("Defaults targetpw", DebianVm.files("/etc/sudoers.d/targetpw", "Defaults targetpw\n"),
            List.of(), null, "LNX-SEC-7 fail"),
        Arguments.of("libata.atapi_enabled=0 in /etc/default/grub", DebianVm.files("/etc/default/grub",
            "GRUB_CMDLINE_LINUX=\"console=ttyS0 libata.atapi_enabled=0\"\n"), List.of(), null, "LNX-BOOT-2 fail"),
        Arguments.of("a persistent-net rule", DebianVm.files("/etc/udev/rules.d/70-persistent-net.rules",
            "SUBSYSTEM==\"net\", ACTION==\"add\", ATTR{address}==\"00:15:5d:01:02:03\", NAME=\"eth0\"\n"),
            List.of(), null, "LNX-NET-6 fail"),
        Arguments.of("a kernel without CIFS", DebianVm.files(KERNEL_CONFIG, "CONFIG_WATCHDOG=y\n# CONFIG_CIFS is not set\n"),
            List.of(), null, "LNX-KMOD-1 fail"),
        Arguments.of("no package repository", Map.of(), List.of("/etc/apt/sources.list"), null, "LNX-REPO-1 fail"),
        Arguments.of("a kernel without the TCP SACK fixes' sysctl", DebianVm.files(WITHOUT_FIX_SYSCTL, ""),
            List.of(), null, "LNX-KERN-1 fail"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void eachChangeIsJudgedByThePolicyInForce(String change, Map<String, String> planted, List<String> removed,
      String in2015, String today) {
    Map<String, String> files = new java.util.LinkedHashMap<>(goodFiles());
    files.putAll(planted);
    if (planted.containsKey(WITHOUT_FIX_SYSCTL)) {
      files.remove(FIX_SYSCTL);
    }
    try (DebianVm vm = DebianVm.start(files, removed, List.of())) {
      LinuxCertificationResult old = certify(vm, TestPolicies.AZURE_CHINA_2015);
      LinuxCertificationResult current = certify(vm, TestPolicies.AZURE_CURRENT);

      assertThat(problems(old)).as("2015").isEqualTo(in2015 == null ? List.of() : List.of(in2015));
      assertThat(problems(current)).as("today").isEqualTo(today == null ? List.of() : List.of(today));
      assertThat(old.certified()).isEqualTo(in2015 == null);
      assertThat(current.certified()).isEqualTo(today == null);
    }
  }

  @Test
  void debiansUnpatchedKernelIsNamedWithItsTableRow() {
    String buster = DebianVm.imageFile("/etc/os-release").replace("VERSION_ID=\"12\"", "VERSION_ID=\"10\"");
    assertThat(buster).contains("VERSION_ID=\"10\"");
    Map<String, String> files = new java.util.LinkedHashMap<>(DebianVm.files(KERNEL_CONFIG, GOOD_KERNEL));
    files.putAll(DebianVm.files(WITHOUT_FIX_SYSCTL, "", "/proc/version", BUSTER_UNPATCHED, "/etc/os-release", buster));
    try (DebianVm vm = DebianVm.start(files, List.of(), List.of())) {
      LinuxCertificationResult old = certify(vm, TestPolicies.AZURE_CHINA_2015);
      LinuxCertificationResult today = certify(vm, TestPolicies.AZURE_CURRENT);

      assertThat(problems(old)).isEmpty();
      assertThat(problems(today)).containsExactly("LNX-KERN-1 fail");
      assertThat(messageKey(today, "LNX-KERN-1")).isEqualTo("LNX-KERN-1.too-old");
      assertThat(evidence(today, "LNX-KERN-1")).contains("/proc/version: Debian 4.19.37-4")
          .contains("Debian buster, sid (stretch backports): 4.19.37-5");
    }
  }

  private static Map<String, String> goodFiles() {
    return DebianVm.files(KERNEL_CONFIG, GOOD_KERNEL, FIX_SYSCTL, "48\n");
  }

  private static String messageKey(LinuxCertificationResult result, String rule) {
    return result.findings().stream().filter(f -> f.ruleId().id().equals(rule)).findFirst().orElseThrow().messageKey();
  }

  private LinuxCertificationResult certify(DebianVm vm, CertificationPolicy policy) {
    return service.run(VmAccess.withPassword(vm.host(), vm.port(), DebianVm.USER, DebianVm.PASSWORD), null, policy);
  }

  private static List<String> rules(LinuxCertificationResult result) {
    return result.findings().stream().map(f -> f.ruleId().id()).distinct().toList();
  }

  private static String evidence(LinuxCertificationResult result, String rule) {
    return result.findings().stream().filter(f -> f.ruleId().id().equals(rule)).findFirst().orElseThrow().evidence();
  }

  private static List<String> problems(LinuxCertificationResult result) {
    return result.findings().stream()
        .filter(f -> f.result() != Result.PASS && !f.messageKey().startsWith("CERT-3."))
        .map(f -> f.ruleId().id() + " " + f.result().value())
        .distinct()
        .toList();
  }
}
