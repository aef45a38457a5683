package cn.marketplace.onboarding.certification.linux;

import cn.marketplace.onboarding.testsupport.TestPolicies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.Result;
import cn.marketplace.onboarding.rules.RuleId;
import cn.marketplace.onboarding.rules.RuleMessages;
import cn.marketplace.onboarding.testsupport.SampleVmServer;
import cn.marketplace.onboarding.testsupport.SilentPort;
import cn.marketplace.onboarding.testsupport.StallingRelay;
import cn.marketplace.onboarding.testsupport.TestKeys;
import cn.marketplace.onboarding.testsupport.TestKeys.ClientKey;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The connection test (CERT-2) with real JSch against a real SSH server: every way to log in
 * that ISVs use, and one distinct finding for each way it can fail that the ISV can fix. A VM
 * that does not answer in time is no finding but an outage: the run throws, to be retried.
 */
class ConnectionTestTest {

  private static final CertificationProperties SHORT_TIMEOUTS = SampleVmServer.allowingSampleVms(
      new CertificationProperties(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(60),
          ProbeReport.MAX_CHARS));

  private static SampleVmServer server;
  private final LinuxCertificationService service =
      new LinuxCertificationService(new LinuxVmProbe(SHORT_TIMEOUTS), new LinuxChecks());

  @BeforeAll
  static void startServer() {
    server = SampleVmServer.start(TestKeys.rsa()).serve("ubuntu-22.04-good");
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @Test
  void logsInWithPassword() {
    assertCertified(VmAccess.withPassword(server.host(), server.port(), SampleVmServer.USER, SampleVmServer.PASSWORD));
  }

  @Test
  void logsInWithOpenSshRsaKey() {
    assertCertified(keyAccess(authorized(TestKeys.openSsh(TestKeys.rsa(), null)), null));
  }

  @Test
  void logsInWithOpenSshEd25519Key() {
    assertCertified(keyAccess(authorized(TestKeys.openSsh(TestKeys.ed25519(), null)), null));
  }

  @Test
  void logsInWithOpenSshEcdsaKey() {
    assertCertified(keyAccess(authorized(TestKeys.openSsh(TestKeys.ecdsa(), null)), null));
  }

  @Test
  void logsInWithPassphraseProtectedOpenSshEd25519Key() {
    assertCertified(keyAccess(authorized(TestKeys.openSsh(TestKeys.ed25519(), "key pass 1")), "key pass 1"));
  }

  @Test
  void logsInWithPassphraseProtectedPemRsaKey() {
    assertCertified(keyAccess(authorized(TestKeys.pemRsa("pem-pass-2")), "pem-pass-2"));
  }

  @Test
  void logsInWithUnprotectedPemRsaKey() {
    assertCertified(keyAccess(authorized(TestKeys.pemRsa(null)), null));
  }

  @Test
  void refusedPortIsItsOwnFinding() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    assertConnectionFails(VmAccess.withPassword("127.0.0.1", closedPort, "any", "any-password"), "CERT-2.refused");
  }

  @Test
  void portThatAcceptsAndNeverAnswersIsAnOutageNotAFinding() throws IOException {
    try (SilentPort silent = SilentPort.open()) {
      VmAccess access = VmAccess.withPassword("127.0.0.1", silent.port(), "any", "any-password");
      assertThatThrownBy(() -> service.run(access, null, TestPolicies.AZURE_CHINA_2015)).isInstanceOf(VmNotAnsweringException.class)
          .hasMessageContaining("any@127.0.0.1:" + silent.port()).hasMessageContaining("connect and login")
          .hasMessageNotContaining("any-password")
          .satisfies(e -> assertThat(((VmNotAnsweringException) e).stage()).isEqualTo(VmNotAnsweringException.Stage.CONNECT));
    }
  }

  @Test
  void vmThatFallsSilentInTheMiddleOfTheProbeIsAnOutageAndAnswersAgainLater() throws Exception {
    try (SampleVmServer slow = SampleVmServer.start(TestKeys.ed25519()).serve("ubuntu-22.04-slow");
        StallingRelay network = new StallingRelay(slow.port())) {
      VmAccess access = VmAccess.withPassword("127.0.0.1", network.port(), SampleVmServer.USER, SampleVmServer.PASSWORD);
      Thread cut = new Thread(() -> {
        // logged in and the probe running: the network goes quiet
        await().atMost(Duration.ofSeconds(30)).until(() -> slow.execRequests() > 0);
        network.stall();
      });
      cut.start();

      assertThatThrownBy(() -> service.run(access, null, TestPolicies.AZURE_CHINA_2015)).isInstanceOf(VmNotAnsweringException.class)
          .hasMessageContaining("the probe")
          .satisfies(e -> assertThat(((VmNotAnsweringException) e).stage()).isEqualTo(VmNotAnsweringException.Stage.PROBE));
      cut.join();

      network.resume();
      LinuxCertificationResult retried = service.run(access, null, TestPolicies.AZURE_CHINA_2015);
      assertThat(retried.certified()).isTrue();
      assertThat(slow.execRequests()).isEqualTo(2);
    }
  }

  @Test
  void wrongPasswordIsAnAuthenticationFailure() {
    assertConnectionFails(
        VmAccess.withPassword(server.host(), server.port(), SampleVmServer.USER, "Wrong-Password-1"),
        "CERT-2.authentication-failed");
  }

  @Test
  void keyTheVmDoesNotKnowIsAnAuthenticationFailure() {
    ClientKey stranger = TestKeys.openSsh(TestKeys.ed25519(), null);
    assertConnectionFails(keyAccess(stranger, null), "CERT-2.authentication-failed");
  }

  @Test
  void wrongPassphraseIsItsOwnFinding() {
    ClientKey key = authorized(TestKeys.openSsh(TestKeys.rsa(), "right passphrase"));
    assertConnectionFails(keyAccess(key, "wrong passphrase"), "CERT-2.key-passphrase");
    assertConnectionFails(keyAccess(key, null), "CERT-2.key-passphrase");
  }

  @Test
  void textThatIsNoKeyIsItsOwnFinding() {
    ClientKey garbage = new ClientKey("-----BEGIN OPENSSH PRIVATE KEY-----\nnot a key\n-----END OPENSSH PRIVATE KEY-----\n", null);
    assertConnectionFails(keyAccess(garbage, null), "CERT-2.key-unreadable");
  }

  @Test
  void unknownHostNameIsItsOwnFinding() {
    assertConnectionFails(VmAccess.withPassword("no-such-vm.invalid", 22, "any", "any-password"), "CERT-2.unknown-host");
  }

  @Test
  void hostKeyIsTrustedOnFirstUseAndAChangedKeyFails() {
    VmAccess access = VmAccess.withPassword(server.host(), server.port(), SampleVmServer.USER, SampleVmServer.PASSWORD);
    LinuxCertificationResult first = service.run(access, null, TestPolicies.AZURE_CHINA_2015);
    assertThat(first.hostKeyFirstSeen()).isTrue();
    assertThat(first.hostKeyFingerprint()).matches("SHA256:[A-Za-z0-9+/]{43}");

    LinuxCertificationResult again = service.run(access, first.hostKeyFingerprint(), TestPolicies.AZURE_CHINA_2015);
    assertThat(again.certified()).isTrue();
    assertThat(again.hostKeyFirstSeen()).isFalse();
    assertThat(again.hostKeyFingerprint()).isEqualTo(first.hostKeyFingerprint());

    server.restartWithHostKey(TestKeys.rsa());
    try {
      LinuxCertificationResult changed = service.run(access, first.hostKeyFingerprint(), TestPolicies.AZURE_CHINA_2015);
      assertOnlyConnectionFailure(changed, "CERT-2.host-key-changed");
      assertThat(changed.hostKeyFingerprint()).isNotEqualTo(first.hostKeyFingerprint());
      assertThat(changed.findings().get(0).evidence())
          .contains(first.hostKeyFingerprint()).contains(changed.hostKeyFingerprint());
    } finally {
      server.restartWithHostKey(TestKeys.rsa());
    }
  }

  @Test
  void accessDetailsNeverShowTheirSecrets() {
    VmAccess byPassword = VmAccess.withPassword("vm.example.cn", 22, "azureuser", "S3cret-Pass");
    VmAccess byKey = VmAccess.withPrivateKey("vm.example.cn", 22, "azureuser", "-----BEGIN KEY-----secret", "phrase-x");
    assertThat(byPassword.toString()).contains("azureuser@vm.example.cn:22").doesNotContain("S3cret-Pass");
    assertThat(byKey.toString()).doesNotContain("secret").doesNotContain("phrase-x");
  }

  private void assertCertified(VmAccess access) {
    LinuxCertificationResult result = service.run(access, null, TestPolicies.AZURE_CHINA_2015);
    assertThat(result.findings()).filteredOn(f -> f.ruleId() == RuleId.CERT_2).singleElement()
        .extracting(Finding::messageKey).isEqualTo("CERT-2.ok");
    assertThat(result.certified()).isTrue();
    assertThat(result.roundTrips()).isEqualTo(LinuxVmProbe.ROUND_TRIPS);
  }

  private void assertConnectionFails(VmAccess access, String expectedKey) {
    assertOnlyConnectionFailure(service.run(access, null, TestPolicies.AZURE_CHINA_2015), expectedKey);
  }

  private static void assertOnlyConnectionFailure(LinuxCertificationResult result, String expectedKey) {
    assertThat(result.certified()).isFalse();
    assertThat(result.roundTrips()).isZero();
    assertThat(result.findings()).extracting(Finding::messageKey)
        .containsExactly(expectedKey, "CERT-3.not-certified");
    Finding connection = result.findings().get(0);
    assertThat(connection.ruleId()).isEqualTo(RuleId.CERT_2);
    assertThat(connection.result()).isEqualTo(Result.FAIL);
    String shown = String.join(" ", RuleMessages.renderAll(connection).values()) + connection.evidence();
    assertThat(shown).doesNotContain(SampleVmServer.PASSWORD).doesNotContain("Wrong-Password-1")
        .doesNotContain("any-password").doesNotContain("right passphrase").doesNotContain("wrong passphrase");
  }

  private static ClientKey authorized(ClientKey key) {
    server.authorize(key.publicKey());
    return key;
  }

  private static VmAccess keyAccess(ClientKey key, String passphrase) {
    return VmAccess.withPrivateKey(server.host(), server.port(), SampleVmServer.USER, key.privateKeyText(), passphrase);
  }
}
