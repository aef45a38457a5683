package cn.marketplace.onboarding.certification.linux;

import cn.marketplace.onboarding.testsupport.TestPolicies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import cn.marketplace.onboarding.rules.RuleMessages;
import cn.marketplace.onboarding.testsupport.SampleVmServer;
import com.jcraft.jsch.JSchException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A VM address the product may not connect to is a CERT-6 finding naming the field, and nothing is
 * sent there: a listener on loopback counts the connections it accepts. The finding is the same
 * whether something listens or not, so the certification cannot be used to scan ports.
 */
class RefusedDestinationTest {

  private ServerSocket listener;
  private final AtomicInteger accepted = new AtomicInteger();

  @BeforeEach
  void listen() throws IOException {
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(() -> {
      while (!listener.isClosed()) {
        try (Socket ignored = listener.accept()) {
          accepted.incrementAndGet();
        } catch (IOException e) {
          // closed
        }
      }
    }, "recording-listener");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterEach
  void close() throws IOException {
    listener.close();
  }

  @Test
  void loopbackByAddressOrNameIsRefusedWithoutConnecting() {
    // the port is allowed here: only the address stops the connection
    LinuxCertificationService service = service(CertificationProperties.defaults()
        .allowing(List.of(), List.of(String.valueOf(listener.getLocalPort()))));
    for (String host : List.of("127.0.0.1", "localhost", "::ffff:127.0.0.1")) {
      LinuxCertificationResult result = service.run(access(host, listener.getLocalPort()), null, TestPolicies.AZURE_CHINA_2015);
      assertThat(result.certified()).isFalse();
      assertThat(result.findings()).filteredOn(Finding::failed).first()
          .extracting(Finding::ruleId, Finding::subject, Finding::messageKey)
          .containsExactly(RuleId.CERT_6, "vmHost", "CERT-6.host-not-allowed");
    }
    assertThat(accepted).hasValue(0);
  }

  @Test
  void aPortNotAllowedIsRefusedWithoutConnecting() {
    LinuxCertificationService service = service(CertificationProperties.defaults()
        .allowing(List.of("127.0.0.1/32"), List.of("22")));
    LinuxCertificationResult result = service.run(access("127.0.0.1", listener.getLocalPort()), null, TestPolicies.AZURE_CHINA_2015);
    assertThat(result.findings()).filteredOn(Finding::failed).extracting(Finding::ruleId, Finding::subject)
        .contains(tuple(RuleId.CERT_6, "vmPort"));
    assertThat(RuleMessages.render(result.findings().get(0), RuleMessages.EN)).startsWith("[CERT-6] vmPort");
    assertThat(accepted).hasValue(0);
  }

  @Test
  void theAnswerIsTheSameWhetherSomethingListensOrNot() throws IOException {
    LinuxCertificationService service = service(CertificationProperties.defaults()
        .allowing(List.of(), List.of(String.valueOf(listener.getLocalPort()))));
    VmAccess access = access("127.0.0.1", listener.getLocalPort());
    List<Finding> listening = service.run(access, null, TestPolicies.AZURE_CHINA_2015).findings();
    listener.close();
    List<Finding> closed = service.run(access, null, TestPolicies.AZURE_CHINA_2015).findings();
    assertThat(closed).isEqualTo(listening);
    assertThat(RuleMessages.render(listening.get(0), RuleMessages.ZH_CN)).startsWith("[CERT-6] vmHost");
  }

  /** JSch wraps what its socket factory throws: a refusal at connect time is the same finding. */
  @Test
  void aRefusalAtConnectTimeIsTheSameFailure() {
    JSchException wrapped = new JSchException("Session.connect: refused",
        new VmDestinationPolicy.DestinationNotAllowedException("vm.example.cn"));
    assertThat(SshSession.isSilence(wrapped)).isFalse();
    assertThat(SshSession.classify(wrapped)).isEqualTo(ConnectionFailure.HOST_NOT_ALLOWED);
  }

  @Test
  void theTestProfilesLoopbackStillCertifies() {
    try (SampleVmServer vm = SampleVmServer.start(cn.marketplace.onboarding.testsupport.TestKeys.rsa())
        .serve("ubuntu-22.04-good")) {
      LinuxCertificationService service = service(SampleVmServer.allowingSampleVms(CertificationProperties.defaults()));
      assertThat(service.run(VmAccess.withPassword(vm.host(), vm.port(), SampleVmServer.USER,
          SampleVmServer.PASSWORD), null, TestPolicies.AZURE_CHINA_2015).certified()).isTrue();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static LinuxCertificationService service(CertificationProperties properties) {
    return new LinuxCertificationService(new LinuxVmProbe(properties), new LinuxChecks());
  }

  private static VmAccess access(String host, int port) {
    return VmAccess.withPassword(host, port, "azureuser", "Cert-VM-passw0rd!");
  }
}
