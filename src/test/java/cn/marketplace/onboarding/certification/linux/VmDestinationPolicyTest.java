package cn.marketplace.onboarding.certification.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static cn.marketplace.onboarding.certification.linux.VmDestinationPolicy.HostCheck.ALLOWED;
import static cn.marketplace.onboarding.certification.linux.VmDestinationPolicy.HostCheck.REFUSED;
import static cn.marketplace.onboarding.certification.linux.VmDestinationPolicy.HostCheck.UNRESOLVED;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Where the certification may connect on an ISV's behalf: public addresses on allowed ports only. */
class VmDestinationPolicyTest {

  private final VmDestinationPolicy production = new VmDestinationPolicy(CertificationProperties.defaults());

  @ParameterizedTest
  @ValueSource(strings = {
      "127.0.0.1", "127.1.2.3", "::1",                          // loopback
      "169.254.169.254", "fe80::1",                             // link-local, the metadata service
      "10.0.0.5", "172.16.3.4", "172.31.255.255", "192.168.1.1", // private
      "100.64.0.1", "100.127.255.254",                          // shared address space (CGNAT)
      "fc00::1", "fd12:3456:789a::1",                           // IPv6 unique local
      "224.0.0.1", "239.255.255.250", "ff02::1",                // multicast
      "0.0.0.0", "::", "0.1.2.3",                               // unspecified, "this network"
      "192.0.2.10", "198.51.100.7", "203.0.113.9", "2001:db8::1", // documentation
      "198.18.0.1", "192.0.0.8", "240.0.0.1", "255.255.255.255", // benchmarking, IETF, reserved, broadcast
      "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.0.0.1", // IPv4-mapped forms
      "64:ff9b::a00:1", "2002:a00:1::1", "fec0::1"})            // NAT64, 6to4, old site-local
  void refusesEveryAddressThatIsNotPublic(String address) throws Exception {
    assertThat(production.addressAllowed(InetAddress.getByName(address))).as("CERT-6: " + address).isFalse();
    assertThat(production.check(address)).as("CERT-6: " + address).isEqualTo(REFUSED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"40.73.1.2", "52.130.0.1", "8.8.8.8", "2400:cb00::1", "::ffff:40.73.1.2"})
  void allowsPublicAddresses(String address) throws Exception {
    assertThat(production.addressAllowed(InetAddress.getByName(address))).as(address).isTrue();
    assertThat(production.resolve(address)).isEqualTo(InetAddress.getByName(address));
  }

  @Test
  void aNameResolvingToLoopbackIsRefused() {
    assertThat(production.check("localhost")).isEqualTo(REFUSED);
    assertThatThrownBy(() -> production.resolve("localhost"))
        .isInstanceOf(VmDestinationPolicy.DestinationNotAllowedException.class);
  }

  @Test
  void aNameThatDoesNotResolveIsLeftToTheConnectionTest() {
    assertThat(production.check("no-such-vm.invalid")).isEqualTo(UNRESOLVED);
    assertThatThrownBy(() -> production.resolve("no-such-vm.invalid")).isInstanceOf(UnknownHostException.class);
  }

  @Test
  void refusesTheProductsOwnAddressesEvenWhenPublic() throws Exception {
    List<InetAddress> own = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
        .flatMap(NetworkInterface::inetAddresses).toList();
    assertThat(own).isNotEmpty().allSatisfy(address -> assertThat(production.addressAllowed(address)).isFalse());
  }

  @Test
  void onlyPort22UnlessConfigured() {
    assertThat(production.portAllowed(22)).isTrue();
    assertThat(production.portAllowed(2222)).isFalse();
    assertThat(production.portAllowed(6379)).isFalse();

    VmDestinationPolicy widened = new VmDestinationPolicy(
        CertificationProperties.defaults().allowing(List.of("127.0.0.1/32", "10.1.0.0/16"), List.of("22", "2200-2299")));
    assertThat(widened.portAllowed(2250)).isTrue();
    assertThat(widened.portAllowed(2300)).isFalse();
    assertThat(widened.check("127.0.0.1")).isEqualTo(ALLOWED);
    assertThat(widened.check("10.1.200.3")).isEqualTo(ALLOWED);
    assertThat(widened.check("10.2.0.1")).isEqualTo(REFUSED);
    assertThat(widened.check("127.0.0.2")).isEqualTo(REFUSED);
  }

  @Test
  void aMalformedSettingStopsTheStart() {
    assertThatThrownBy(() -> new VmDestinationPolicy(
        CertificationProperties.defaults().allowing(List.of("not-a-network"), List.of("22"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not-a-network");
    assertThatThrownBy(() -> new VmDestinationPolicy(
        CertificationProperties.defaults().allowing(List.of(), List.of("70000"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("70000");
  }
}
