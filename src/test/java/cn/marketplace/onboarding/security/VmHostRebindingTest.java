package cn.marketplace.onboarding.security;

import cn.marketplace.onboarding.testsupport.TestPolicies;
import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.certification.linux.CertificationProperties;
import cn.marketplace.onboarding.certification.linux.LinuxCertificationResult;
import cn.marketplace.onboarding.certification.linux.LinuxCertificationService;
import cn.marketplace.onboarding.certification.linux.LinuxChecks;
import cn.marketplace.onboarding.certification.linux.LinuxVmProbe;
import cn.marketplace.onboarding.certification.linux.VmAccess;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import cn.marketplace.onboarding.testsupport.SampleVmServer;
import cn.marketplace.onboarding.testsupport.TestKeys;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;
import org.mockito.Mockito;

/**
 * DNS rebinding against the certification: an ISV's {@code vmHost} is a name whose answer changes
 * between the destination check and the connect, from an address the certification may reach to
 * the product's own loopback, where a real SSH server (the sample VM) listens. The JDK's resolver
 * answers as the attacker's DNS server would, for this thread (the certification connects in the
 * caller's thread). The name is refused at connect time and the server sees no connection.
 */
class VmHostRebindingTest {

  /** A name no real resolver answers (RFC 2606), so only the test's answers count. */
  private static final String REBINDING_NAME = "vm.rebinding.invalid";
  private static final byte[] ALLOWED = {127, 0, 0, 2};
  private static final byte[] SAMPLE_VM = {127, 0, 0, 1};

  private SampleVmServer vm;
  private final List<String> answered = new ArrayList<>();

  @BeforeEach
  void sampleVmOnLoopback() {
    vm = SampleVmServer.start(TestKeys.rsa()).serve("ubuntu-22.04-good");
  }

  @AfterEach
  void stop() throws Exception {
    vm.close();
  }

  @Test
  void aNameThatRebindsToAForbiddenAddressAfterTheCheckIsRefusedAndReachesNothing() throws Exception {
    // only 127.0.0.2 stands for a public address here; the sample VM's 127.0.0.1 is the product's own loopback
    LinuxCertificationService service = service(List.of("127.0.0.2/32"));

    LinuxCertificationResult result = certifyResolvingTo(service, ALLOWED, SAMPLE_VM);

    assertThat(answered).as("the check and the connect each asked the resolver").hasSizeGreaterThanOrEqualTo(2)
        .startsWith("127.0.0.2").contains("127.0.0.1");
    assertThat(result.certified()).isFalse();
    assertThat(result.findings()).filteredOn(Finding::failed).first()
        .extracting(Finding::ruleId, Finding::subject, Finding::messageKey)
        .containsExactly(RuleId.CERT_6, "vmHost", "CERT-6.host-not-allowed");
    assertThat(vm.connections()).as("connections the SSH server accepted").isZero();
    assertThat(vm.execRequests()).isZero();
  }

  /** The same name and server, answering the sample VM's address both times where it is allowed: it connects. */
  @Test
  void theSameNameStayingOnAnAllowedAddressReachesTheServer() throws Exception {
    LinuxCertificationService service = service(List.of("127.0.0.1/32"));

    LinuxCertificationResult result = certifyResolvingTo(service, SAMPLE_VM, SAMPLE_VM);

    assertThat(result.certified()).as("findings %s", result.findings()).isTrue();
    assertThat(vm.connections()).isPositive();
  }

  /** Runs the certification of {@link #REBINDING_NAME}: the first lookup answers {@code first}, every later one {@code then}. */
  private LinuxCertificationResult certifyResolvingTo(LinuxCertificationService service, byte[] first, byte[] then)
      throws Exception {
    InetAddress firstAnswer = InetAddress.getByAddress(REBINDING_NAME, first);
    InetAddress laterAnswer = InetAddress.getByAddress(REBINDING_NAME, then);
    try (MockedStatic<InetAddress> dns = Mockito.mockStatic(InetAddress.class, Mockito.CALLS_REAL_METHODS)) {
      dns.when(() -> InetAddress.getAllByName(REBINDING_NAME)).thenAnswer(lookup -> {
        InetAddress answer = answered.isEmpty() ? firstAnswer : laterAnswer;
        answered.add(answer.getHostAddress());
        return new InetAddress[] {answer};
      });
      return service.run(VmAccess.withPassword(REBINDING_NAME, vm.port(), SampleVmServer.USER, SampleVmServer.PASSWORD),
          null, TestPolicies.AZURE_CHINA_2015);
    }
  }

  private static LinuxCertificationService service(List<String> allowedNetworks) {
    return new LinuxCertificationService(new LinuxVmProbe(CertificationProperties.defaults()
        .allowing(allowedNetworks, List.of("22", "1024-65535"))), new LinuxChecks());
  }
}
