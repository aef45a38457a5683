package cn.marketplace.onboarding.certification.windows;

import cn.marketplace.onboarding.testsupport.TestPolicies;
import cn.marketplace.onboarding.certification.linux.ProbeParseException;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;

/**
 * Coverage-guided fuzzing of the Windows probe's parser and the checks behind it (Jazzer), as
 * {@code ParserFuzzTest} does for the Linux probe: in the normal run it replays its seeds in
 * {@code WindowsProbeFuzzTestInputs/probeOutput/}; {@code JAZZER_FUZZ=1} fuzzes for real. The parser
 * may refuse output only with {@link ProbeParseException}; the checks take whatever it produced and
 * never throw.
 */
class WindowsProbeFuzzTest {

  /** Created on the first input: Jazzer instruments only classes loaded after its agent started. */
  private static final class Targets {
    static final WindowsChecks CHECKS = new WindowsChecks(WindowsThresholds.of(TestPolicies.AZURE_CURRENT));
    static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");
  }

  @FuzzTest(maxDuration = "30s")
  void probeOutput(String output) {
    try {
      Targets.CHECKS.check(WindowsProbeReport.parse(output), Targets.NOW);
    } catch (ProbeParseException refused) {
      // the parser's one way to say no
    }
  }
}
