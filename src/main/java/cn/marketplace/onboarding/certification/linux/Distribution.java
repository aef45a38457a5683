package cn.marketplace.onboarding.certification.linux;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The distribution as {@code /etc/os-release} names it, and the family whose conventions the
 * checks follow (package tool, agent package, network configuration files).
 */
public record Distribution(String id, List<String> idLike, String versionId, String prettyName, Family family) {

  private static final Pattern RELEASE = Pattern.compile("release (\\d+\\.\\d+)");

  public enum Family {
    DEBIAN(Set.of("walinuxagent", "waagent")),
    RHEL(Set.of("walinuxagent")),
    SUSE(Set.of("python-azure-agent", "python3-azure-agent", "walinuxagent")),
    UNKNOWN(Set.of("walinuxagent", "waagent", "python-azure-agent", "python3-azure-agent"));

    private final Set<String> agentPackages;

    Family(Set<String> agentPackages) {
      this.agentPackages = agentPackages;
    }

    /** Whether the package that owns {@code waagent} is this family's agent package (case-insensitive). */
    public boolean isAgentPackage(String packageName) {
      return agentPackages.contains(packageName.toLowerCase(Locale.ROOT));
    }
  }

  static Distribution of(ProbeReport report) {
    Map<String, String> osRelease = new HashMap<>();
    report.file("/etc/os-release").or(() -> report.file("/usr/lib/os-release"))
        .ifPresent(section -> section.lines().forEach(line -> {
          int equals = line.indexOf('=');
          if (equals > 0) {
            osRelease.put(line.substring(0, equals).strip(), NetworkConfig.unquote(line.substring(equals + 1).strip()));
          }
        }));
    String id = osRelease.getOrDefault("ID", "").toLowerCase(Locale.ROOT);
    List<String> idLike = Arrays.stream(osRelease.getOrDefault("ID_LIKE", "").toLowerCase(Locale.ROOT).split("\\s+"))
        .filter(s -> !s.isEmpty()).toList();
    String versionId = osRelease.getOrDefault("VERSION_ID", "");
    String prettyName = osRelease.getOrDefault("PRETTY_NAME", id.isEmpty() ? "unknown" : id);
    if (id.isEmpty() && report.file("/etc/redhat-release").isPresent()) {
      id = "rhel";
    }
    return new Distribution(id, idLike, versionId, prettyName, familyOf(id, idLike));
  }

  /**
   * The distribution's version with its minor number where the release file has one: os-release says
   * only "7" on CentOS 7 ("7.6.1810" in {@code centos-release}), and Red Hat 6 has no os-release.
   */
  String releaseVersion(ProbeReport report) {
    if (family == Family.RHEL && !versionId.contains(".")) {
      for (String file : List.of("/etc/centos-release", "/etc/redhat-release")) {
        Optional<String> release = report.file(file).flatMap(section -> section.lines().stream().findFirst())
            .map(RELEASE::matcher).filter(Matcher::find).map(matcher -> matcher.group(1));
        if (release.isPresent()) {
          return release.get();
        }
      }
    }
    return versionId;
  }

  /**
   * CentOS 7.x and the distributions derived from it, where NetworkManager stays on (LNX-NET-1).
   * RHEL 7 itself is not a derivative of CentOS and follows the general rule.
   */
  public boolean isCentOs7Family() {
    boolean centOs = id.equals("centos") || idLike.contains("centos");
    return centOs && (versionId.equals("7") || versionId.startsWith("7."));
  }

  private static Family familyOf(String id, List<String> idLike) {
    if (is(id, idLike, "debian", "ubuntu")) {
      return Family.DEBIAN;
    }
    if (is(id, idLike, "suse", "sles", "opensuse", "opensuse-leap")) {
      return Family.SUSE;
    }
    if (is(id, idLike, "rhel", "centos", "fedora", "ol", "rocky", "almalinux")) {
      return Family.RHEL;
    }
    return Family.UNKNOWN;
  }

  private static boolean is(String id, List<String> idLike, String... names) {
    for (String name : names) {
      if (id.equals(name) || idLike.contains(name)) {
        return true;
      }
    }
    return false;
  }
}
