package cn.marketplace.onboarding.certification.linux;

import cn.marketplace.onboarding.testsupport.TestPolicies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.marketplace.onboarding.certification.linux.ProbeParseException.Reason;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProbeReportTest {

  @Test
  void readsSectionsAttributesAndLines() throws ProbeParseException {
    ProbeReport report = ProbeReport.parse("""
        welcome banner from a noisy .profile
        @@probe-begin 1
        @@section file /etc/hostname
        @@attr type=file
        |localhost
        @@end
        @@section uname
        @@attr machine=x86_64
        @@attr kernel=5.15.0-1052-azure
        @@end
        @@probe-end
        """);

    assertThat(report.file("/etc/hostname")).get().satisfies(s -> assertThat(s.lines()).containsExactly("localhost"));
    assertThat(report.attribute("uname", "machine")).isEqualTo("x86_64");
    assertThat(report.attribute("uname", "missing")).isEmpty();
    assertThat(report.ignoredLines()).isEqualTo(1);
  }

  @Test
  void contentCannotForgeMarkersOrOverrideAnEarlierSection() throws ProbeParseException {
    ProbeReport report = ProbeReport.parse("""
        @@probe-begin 1
        @@section uname
        @@attr machine=x86_64
        |@@end
        |@@section uname
        @@end
        @@section uname
        @@attr machine=i686
        @@end
        @@probe-end
        """);

    assertThat(report.attribute("uname", "machine")).isEqualTo("x86_64");
    assertThat(report.section("uname").get().lines()).containsExactly("@@end", "@@section uname");
  }

  @Test
  void eachUnreadableOutputHasItsOwnReason() {
    assertReason("", Reason.EMPTY);
    assertReason("just some text\n", Reason.NO_HEADER);
    assertReason("@@probe-begin 7\n@@probe-end\n", Reason.UNSUPPORTED_VERSION);
    assertReason("@@probe-begin 1\n@@section uname\n@@attr machine=x86_64\n", Reason.TRUNCATED);
    assertReason("x".repeat(ProbeReport.MAX_CHARS + 1), Reason.TOO_LARGE);
  }

  @Test
  void boundsLinesAndSectionsOfHostileOutput() throws ProbeParseException {
    StringBuilder output = new StringBuilder("@@probe-begin 1\n@@section flood\n");
    output.append(("|" + "y".repeat(10_000) + "\n").repeat(3));
    output.append("|short\n".repeat(ProbeReport.MAX_LINES_PER_SECTION + 10));
    output.append("@@end\n@@probe-end\n");

    ProbeReport report = ProbeReport.parse(output.toString());

    ProbeReport.Section flood = report.section("flood").orElseThrow();
    assertThat(flood.truncated()).isTrue();
    assertThat(flood.lines()).hasSize(ProbeReport.MAX_LINES_PER_SECTION);
    assertThat(flood.lines().get(0)).hasSize(ProbeReport.MAX_LINE_LENGTH);

    StringBuilder manySections = new StringBuilder("@@probe-begin 1\n");
    for (int i = 0; i <= ProbeReport.MAX_SECTIONS; i++) {
      manySections.append("@@section s").append(i).append('\n');
    }
    manySections.append("@@probe-end\n");
    assertThatThrownBy(() -> ProbeReport.parse(manySections.toString()))
        .isInstanceOfSatisfying(ProbeParseException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
  }

  @Test
  void randomGarbageOnlyEverGivesAParseErrorOrAReport() {
    Random random = new Random(20261121);
    String[] pieces = {"@@probe-begin 1\n", "@@section ", "@@attr ", "=", "@@end\n", "|", "\n", "\r\n",
        "@@truncated\n", "@@probe-end\n", "\u0000", "\uFFFD", "é", "@@", "x"};
    for (int run = 0; run < 2_000; run++) {
      StringBuilder output = new StringBuilder();
      int length = random.nextInt(200);
      for (int i = 0; i < length; i++) {
        output.append(pieces[random.nextInt(pieces.length)]);
      }
      try {
        ProbeReport report = ProbeReport.parse(output.toString());
        new LinuxChecks().check(report, "certifier", TestPolicies.AZURE_CHINA_2015);
      } catch (ProbeParseException expected) {
        assertThat(expected.reason()).isNotNull();
      }
    }
  }

  private static void assertReason(String output, Reason reason) {
    assertThatThrownBy(() -> ProbeReport.parse(output))
        .isInstanceOfSatisfying(ProbeParseException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
