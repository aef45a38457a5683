package cn.marketplace.onboarding.certification.linux;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressNetwork.IPAddressGenerator;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv6.IPv6Address;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Where the certification may open a connection on an ISV's behalf: a VM on a public address, on
 * port 22 or a configured port. Never loopback, link-local (the cloud's metadata service), private,
 * shared (CGNAT), unique-local, multicast, unspecified, documentation or otherwise reserved
 * addresses, IPv4 embedded in IPv6 as any of these, nor the product's own addresses, unless
 * {@code onboarding.certification.allowed-vm-networks} names them (development and tests).
 *
 * <p>A host name is judged by every address it resolves to, and it is resolved again for each
 * connection and the connection made to the very address judged ({@link #resolve}), so a name
 * that changes its answer between the check and the connect gains nothing.
 */
@Component
public class VmDestinationPolicy {

  private final List<IPAddress> allowedNetworks;
  private final List<PortRange> allowedPorts;

  public VmDestinationPolicy(CertificationProperties properties) {
    this.allowedNetworks = properties.allowedVmNetworks().stream().filter(cidr -> !cidr.isBlank())
        .map(VmDestinationPolicy::block).toList();
    this.allowedPorts = properties.allowedVmPorts().stream().map(PortRange::parse).toList();
  }

  public boolean portAllowed(int port) {
    return allowedPorts.stream().anyMatch(range -> range.contains(port));
  }

  /** False for any address the certification must not connect to. */
  public boolean addressAllowed(InetAddress address) {
    IPAddress ip = new IPAddressGenerator().from(address);
    IPAddress plain = ip.isIPv6() ? ip.toIPv6().removeZone() : ip;
    if (allowedNetworks.stream().anyMatch(network -> network.contains(plain))) {
      return true;
    }
    return isPublic(plain) && !ownAddresses().contains(address);
  }

  /**
   * Resolves {@code host} once and returns the address to connect to, having checked every address
   * the name resolved to.
   *
   * @throws DestinationNotAllowedException when any of them is not allowed
   * @throws UnknownHostException when the name does not resolve
   */
  public InetAddress resolve(String host) throws UnknownHostException, DestinationNotAllowedException {
    InetAddress[] addresses = InetAddress.getAllByName(host);
    if (addresses.length == 0 || !Arrays.stream(addresses).allMatch(this::addressAllowed)) {
      throw new DestinationNotAllowedException(host);
    }
    return addresses[0];
  }

  /** What a host name or address comes to, as far as the certification may connect to it. */
  public enum HostCheck {
    /** Every address it resolves to is allowed. */
    ALLOWED,
    /** It is, or resolves to, an address the certification never connects to. */
    REFUSED,
    /** It does not resolve (now): the connection test says so to the ISV. */
    UNRESOLVED
  }

  public HostCheck check(String host) {
    try {
      resolve(host);
      return HostCheck.ALLOWED;
    } catch (DestinationNotAllowedException e) {
      return HostCheck.REFUSED;
    } catch (UnknownHostException e) {
      return HostCheck.UNRESOLVED;
    }
  }

  private static boolean isPublic(IPAddress ip) {
    if (ip.isIPv6()) {
      IPv6Address v6 = ip.toIPv6();
      // ::ffff:a.b.c.d reaches a.b.c.d: judge the IPv4 address it carries
      if (v6.isIPv4Mapped()) {
        return isPublic(v6.getEmbeddedIPv4Address());
      }
    }
    if (ip.isLoopback() || ip.isLinkLocal() || ip.isLocal() || ip.isMulticast() || ip.isAnyLocal()
        || ip.isZero()) {
      return false;
    }
    if (ip.isIPv4() && ip.toIPv4().isPrivate()) {
      return false;
    }
    return ReservedBlocks.ALL.stream().noneMatch(block -> block.contains(ip));
  }

  /**
   * Special-purpose blocks (IANA registries) the library's predicates above do not name; parsed at
   * the first check rather than at start, where the address library's set-up cost about 0.2 s.
   */
  private static final class ReservedBlocks {
    static final List<IPAddress> ALL = Stream.of(
            "0.0.0.0/8", "100.64.0.0/10", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "198.18.0.0/15",
            "198.51.100.0/24", "203.0.113.0/24", "240.0.0.0/4",
            "::/96", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "2001::/23", "2001:db8::/32", "2002::/16",
            "3fff::/20", "fc00::/7", "fec0::/10")
        .map(VmDestinationPolicy::block).toList();
  }

  private static List<InetAddress> ownAddresses() {
    try {
      return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
          .flatMap(NetworkInterface::inetAddresses).toList();
    } catch (SocketException e) {
      return List.of();
    }
  }

  private static IPAddress block(String cidr) {
    IPAddress address = new IPAddressString(cidr.strip()).getAddress();
    if (address == null) {
      throw new IllegalArgumentException("not an IP address or CIDR block: " + cidr);
    }
    return address.isPrefixed() ? address.toPrefixBlock() : address;
  }

  private record PortRange(int from, int to) {
    static PortRange parse(String text) {
      String[] bounds = text.strip().split("-", 2);
      int from = Integer.parseInt(bounds[0].strip());
      int to = bounds.length == 2 ? Integer.parseInt(bounds[1].strip()) : from;
      if (from < 1 || to > 65_535 || from > to) {
        throw new IllegalArgumentException("not a port or port range: " + text);
      }
      return new PortRange(from, to);
    }

    boolean contains(int port) {
      return port >= from && port <= to;
    }
  }

  /** The certification refuses this destination; refused before any packet is sent to it. */
  public static final class DestinationNotAllowedException extends IOException {
    public DestinationNotAllowedException(String host) {
      super("not an allowed certification VM address: " + host);
    }
  }
}
