package cn.marketplace.onboarding.security;

import cn.marketplace.onboarding.testsupport.TestPolicies;
import cn.marketplace.onboarding.application.ApplicationChecks;
import cn.marketplace.onboarding.application.ApplicationForm;
import cn.marketplace.onboarding.calendar.TestCalendars;
import cn.marketplace.onboarding.certification.linux.LinuxChecks;
import cn.marketplace.onboarding.certification.linux.ProbeParseException;
import cn.marketplace.onboarding.certification.linux.ProbeReport;
import cn.marketplace.onboarding.certification.windows.WindowsResults;
import cn.marketplace.onboarding.submission.vhd.DiskRole;
import cn.marketplace.onboarding.submission.vhd.InvalidSasUriException;
import cn.marketplace.onboarding.submission.vhd.SasUri;
import cn.marketplace.onboarding.submission.vhd.SasUriChecks;
import cn.marketplace.onboarding.submission.vhd.StorageProperties;
import cn.marketplace.onboarding.submission.vhd.VhdFooter;
import cn.marketplace.onboarding.submission.vhd.VhdFooterChecks;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Coverage-guided fuzzing of every parser of outside input (Jazzer). In the normal test run each
 * method replays its seeds in {@code ParserFuzzTestInputs/<method>/} and any crash found before;
 * {@code JAZZER_FUZZ=1} fuzzes for real (SECURITY.md). A parser may refuse input only with its own
 * checked exception; the checks behind it take whatever the parser produced and never throw.
 */
class ParserFuzzTest {

  /**
   * Created on the first input, not with the test class: Jazzer's agent instruments only classes
   * loaded after it started, and coverage of our parsers is what guides it.
   */
  private static final class Targets {
    static final ObjectMapper JSON = new ObjectMapper();
    static final ApplicationChecks APPLICATION_CHECKS = new ApplicationChecks();
    static final SasUriChecks SAS_CHECKS = new SasUriChecks(
        new StorageProperties(List.of(".blob.core.chinacloudapi.cn", "127.0.0.1"), true, Duration.ofSeconds(1), 0, 1),
        TestCalendars.mainland());
    static final LinuxChecks LINUX_CHECKS = new LinuxChecks();
    static final WindowsResults WINDOWS_RESULTS = new WindowsResults();
    static final Instant NOW = Instant.parse("2025-06-02T02:00:00Z");
  }

  @FuzzTest(maxDuration = "30s")
  void applicationJson(byte[] body) {
    ApplicationForm form;
    try {
      form = Targets.JSON.readValue(body, ApplicationForm.class);
    } catch (JacksonException malformed) {
      return;
    } catch (java.io.IOException unreadable) {
      return;
    }
    if (form != null) {
      Targets.APPLICATION_CHECKS.check(form.normalized());
    }
  }

  @FuzzTest(maxDuration = "30s")
  void sasUri(String raw) {
    try {
      SasUri uri = SasUri.parse(raw);
      uri.masked();
    } catch (InvalidSasUriException refused) {
      // the parser's one way to say no
    }
    Targets.SAS_CHECKS.checkVhdUri("osVhd", raw, Targets.NOW);
    Targets.SAS_CHECKS.checkFileUri("windowsResults", raw, Targets.NOW);
    SasUri.mask(raw);
  }

  @FuzzTest(maxDuration = "30s")
  void vhdFooter(FuzzedDataProvider data) {
    long blobLength = data.consumeLong();
    DiskRole role = data.pickValue(DiskRole.values());
    byte[] footer = Arrays.copyOf(data.consumeRemainingAsBytes(), VhdFooter.SIZE);
    VhdFooter.parse(footer);
    VhdFooterChecks.check(role, "osVhd", footer, blobLength, TestPolicies.AZURE_CURRENT);
  }

  @FuzzTest(maxDuration = "30s")
  void probeOutput(String output) {
    try {
      Targets.LINUX_CHECKS.check(ProbeReport.parse(output), "certifier", TestPolicies.AZURE_CURRENT);
    } catch (ProbeParseException refused) {
      // the parser's one way to say no
    }
  }

  @FuzzTest(maxDuration = "30s")
  void windowsResults(String json) {
    Targets.WINDOWS_RESULTS.read(json);
  }
}
