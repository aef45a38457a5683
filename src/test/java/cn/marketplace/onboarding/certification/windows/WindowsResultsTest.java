package cn.marketplace.onboarding.certification.windows;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleMessages;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WindowsResultsTest {

  private final WindowsResults windowsResults = new WindowsResults();

  @Test
  void mapsEachTestToItsRuleAndCertifiesWhenNothingFailed() {
    WindowsCertificationResult result = windowsResults.read("""
        {"format": "azure-vm-certification-results", "version": 1, "toolVersion": "3.1",
         "os": "Windows Server 2012 R2 Datacenter",
         "tests": [
           {"name": "Sysprep generalization", "result": "pass", "message": "generalized"},
           {"name": "Windows Update", "result": "Warning", "message": "2 important updates missing"},
           {"name": "OS disk size", "result": "passed"},
           {"name": "Scheduled tasks", "result": "PASS", "ruleId": "WIN-TASK-1"}
         ]}
        """);

    assertThat(summary(result.findings())).containsExactly(
        "WIN-GEN-1 pass", "WIN-PATCH-1 warning", "CERT-3 pass", "CERT-3 pass", "CERT-3 pass");
    assertThat(result.certified()).isTrue();
    assertThat(result.os()).isEqualTo("Windows Server 2012 R2 Datacenter");
    assertThat(result.findings().get(1).evidence()).isEqualTo("2 important updates missing");
    assertThat(RuleMessages.render(result.findings().get(0), RuleMessages.ZH_CN)).contains("Sysprep generalization");
  }

  @Test
  void anyFailedTestMeansNotCertified() {
    WindowsCertificationResult result = windowsResults.read("""
        {"format": "azure-vm-certification-results", "version": 1,
         "tests": [
           {"name": "Generalize check", "result": "fail", "message": "sysprep was not run"},
           {"name": "Remote Desktop", "result": "pass"}
         ]}
        """);

    assertThat(summary(result.findings())).containsExactly("WIN-GEN-1 fail", "CERT-3 pass", "CERT-3 fail");
    assertThat(result.certified()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "   ", "not json", "[1,2,3]", "{\"format\": \"other\", \"version\": 1, \"tests\": []}",
      "{\"format\": \"azure-vm-certification-results\", \"version\": 1}",
      "{\"format\": \"azure-vm-certification-results\", \"version\": 1, \"tests\": []}",
      "{\"format\": \"azure-vm-certification-results\", \"version\": 1, \"tests\": [{\"result\": \"pass\"}]}",
      "{\"format\": \"azure-vm-certification-results\", \"version\": 1, \"tests\": [{\"name\": \"x\", \"result\": \"maybe\"}]}",
      "{\"format\": \"azure-vm-certification-results\", \"version\": 1, \"tests\": [{\"name\": \"x\", \"result\": \"pass\"",
      "{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}"
  })
  void malformedInputIsAFailedFindingNotAnException(String json) {
    WindowsCertificationResult result = windowsResults.read(json);

    assertThat(result.certified()).isFalse();
    assertThat(result.findings()).anySatisfy(f -> assertThat(f.messageKey()).startsWith("CERT-3.windows."));
    result.findings().forEach(f -> assertThat(RuleMessages.renderAll(f).values()).allSatisfy(m -> assertThat(m).doesNotContain("{")));
  }

  @Test
  void tooLargeInputIsRefusedBeforeParsing() {
    String huge = "{\"pad\": \"" + "x".repeat(WindowsResults.MAX_CHARS) + "\"}";

    WindowsCertificationResult result = windowsResults.read(huge);

    assertThat(result.findings()).extracting(Finding::messageKey)
        .containsExactly("CERT-3.windows.malformed.too-large", "CERT-3.windows.not-certified");
  }

  private static List<String> summary(List<Finding> findings) {
    return findings.stream().map(f -> f.ruleId().id() + " " + f.result().value()).toList();
  }
}
