package cn.marketplace.onboarding.certification.linux;

import cn.marketplace.onboarding.certification.linux.ProbeReport.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the network configuration files of each family: Debian's {@code /etc/network/interfaces},
 * Ubuntu's netplan, RHEL's and SUSE's {@code ifcfg-*}, systemd-networkd's {@code .network} files.
 * The loopback device is never custom configuration.
 */
final class NetworkConfig {

  private static final String INTERFACES = "/etc/network/interfaces";
  private static final List<String> IFCFG_DIRECTORIES =
      List.of("/etc/sysconfig/network-scripts/ifcfg-", "/etc/sysconfig/network/ifcfg-");
  private static final Set<String> IFCFG_STATIC_KEYS = Set.of("IPADDR", "GATEWAY", "NETMASK", "PREFIX", "DNS1", "DNS2");
  private static final Pattern NETPLAN_STATIC = Pattern.compile("^\\s*(addresses|gateway4|gateway6|nameservers|routes):");
  private static final Pattern NETPLAN_DHCP = Pattern.compile("^\\s*dhcp4:\\s*(true|yes|on)\\s*$");
  private static final Pattern NETWORKD_STATIC = Pattern.compile("^\\s*(Address|Gateway|DNS)\\s*=");
  private static final Pattern NETWORKD_DHCP = Pattern.compile("^\\s*DHCP\\s*=\\s*(yes|true|ipv4|both)\\s*$");
  private static final Set<String> SUSE_START_MODES = Set.of("auto", "hotplug", "onboot", "nfsroot");

  private NetworkConfig() {}

  /** {@code <file>: <line>} for every setting that fixes addresses, routes or name servers. */
  static List<String> customSettings(ProbeReport report) {
    List<String> custom = new ArrayList<>();
    for (Section file : interfacesFiles(report)) {
      String stanza = "";
      for (String line : file.lines()) {
        String[] words = line.strip().split("\\s+");
        if (words[0].equals("iface") && words.length >= 4) {
          stanza = words[1];
          if (!stanza.equals("lo") && (words[3].equals("static") || words[3].equals("manual"))) {
            custom.add(path(file) + ": " + line.strip());
          }
        } else if (!stanza.equals("lo") && Set.of("dns-nameservers", "dns-search", "gateway", "up").contains(words[0])) {
          custom.add(path(file) + ": " + line.strip());
        }
      }
    }
    for (Section file : report.filesUnder("/etc/netplan/")) {
      file.lines().stream().filter(line -> NETPLAN_STATIC.matcher(line).find())
          .forEach(line -> custom.add(path(file) + ": " + line.strip()));
    }
    for (Section file : ifcfgFiles(report)) {
      Map<String, String> values = LinuxFindings.keyValues(Optional.of(file));
      values.forEach((key, value) -> {
        boolean staticAddress = IFCFG_STATIC_KEYS.contains(key) && !value.isEmpty();
        boolean staticProtocol = key.equals("BOOTPROTO") && Set.of("static", "none").contains(value.toLowerCase(Locale.ROOT));
        if (staticAddress || staticProtocol) {
          custom.add(path(file) + ": " + key + "=" + value);
        }
      });
    }
    for (Section file : report.filesUnder("/etc/systemd/network/")) {
      file.lines().stream().filter(line -> NETWORKD_STATIC.matcher(line).find())
          .forEach(line -> custom.add(path(file) + ": " + line.strip()));
    }
    return custom;
  }

  /** The first setting that brings a device up with DHCP at boot, as {@code <file>: <setting>}. */
  static Optional<String> dhcpAtBoot(ProbeReport report) {
    for (Section file : interfacesFiles(report)) {
      List<String> autoDevices = new ArrayList<>();
      file.lines().stream().map(line -> line.strip().split("\\s+"))
          .filter(words -> words[0].equals("auto") || words[0].equals("allow-hotplug"))
          .forEach(words -> autoDevices.addAll(List.of(words).subList(1, words.length)));
      for (String line : file.lines()) {
        String[] words = line.strip().split("\\s+");
        if (words.length >= 4 && words[0].equals("iface") && !words[1].equals("lo") && words[3].equals("dhcp")
            && autoDevices.contains(words[1])) {
          return Optional.of(path(file) + ": " + line.strip());
        }
      }
    }
    for (Section file : report.filesUnder("/etc/netplan/")) {
      Optional<String> dhcp = file.lines().stream().filter(line -> NETPLAN_DHCP.matcher(line).find()).findFirst();
      if (dhcp.isPresent()) {
        return Optional.of(path(file) + ": " + dhcp.get().strip());
      }
    }
    for (Section file : ifcfgFiles(report)) {
      Map<String, String> values = LinuxFindings.keyValues(Optional.of(file));
      boolean dhcp = values.getOrDefault("BOOTPROTO", "").toLowerCase(Locale.ROOT).startsWith("dhcp");
      boolean onBoot = !values.getOrDefault("ONBOOT", "yes").equalsIgnoreCase("no")
          && (!values.containsKey("STARTMODE") || SUSE_START_MODES.contains(values.get("STARTMODE").toLowerCase(Locale.ROOT)));
      if (dhcp && onBoot) {
        return Optional.of(path(file) + ": BOOTPROTO=" + values.get("BOOTPROTO"));
      }
    }
    for (Section file : report.filesUnder("/etc/systemd/network/")) {
      Optional<String> dhcp = file.lines().stream().filter(line -> NETWORKD_DHCP.matcher(line).find()).findFirst();
      if (dhcp.isPresent()) {
        return Optional.of(path(file) + ": " + dhcp.get().strip());
      }
    }
    return Optional.empty();
  }

  static String unquote(String value) {
    if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
        && value.charAt(value.length() - 1) == value.charAt(0)) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }

  private static List<Section> interfacesFiles(ProbeReport report) {
    List<Section> files = new ArrayList<>();
    report.file(INTERFACES).ifPresent(files::add);
    files.addAll(report.filesUnder(INTERFACES + ".d/"));
    return files;
  }

  private static List<Section> ifcfgFiles(ProbeReport report) {
    return IFCFG_DIRECTORIES.stream()
        .flatMap(prefix -> report.filesUnder(prefix).stream())
        .filter(file -> !path(file).endsWith("/ifcfg-lo"))
        .toList();
  }

  private static String path(Section file) {
    return file.name().substring("file ".length());
  }
}
