package cn.marketplace.onboarding.certification.policy;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.rules.RuleId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The policy files are complete and readable, and {@code docs/policies.md} is what they generate.
 * After changing a policy, write the document again with
 * {@code ./mvnw -o surefire:test@default-test -Dtest=PolicyCatalogueTest -Dpolicies.catalogue.write=true}.
 */
class PolicyCatalogueTest {

  private static final Path DOCUMENT = Path.of("docs/policies.md");
  private final CertificationPolicies policies = new CertificationPolicies();

  @Test
  void everyPolicyNamesEveryRule() {
    assertThat(policies.all()).extracting(p -> p.ref().toString())
        .contains("azure-china-2015 v1", "azure-current v1");
    for (CertificationPolicy policy : policies.all()) {
      assertThat(policy.rules().keySet()).as(policy.ref() + " lists every rule")
          .containsExactlyInAnyOrder(RuleId.values());
    }
  }

  @Test
  void everyChecksThresholdIsThereInEveryPolicy() {
    for (CertificationPolicy policy : policies.all()) {
      // asking each threshold the checks read fails on a missing one, naming policy and rule
      policy.thresholds(RuleId.LNX_SSH_1).number("min-seconds");
      policy.thresholds(RuleId.LNX_SSH_1).number("max-seconds");
      policy.thresholds(RuleId.LNX_LIB_3).text("minimum-version");
      policy.thresholds(RuleId.LNX_LIB_5).texts("tolerated-versions");
      policy.thresholds(RuleId.LNX_AGENT_2).flag("auto-update-suffices");
      policy.thresholds(RuleId.LNX_SEC_4).number("max-bytes");
      policy.thresholds(RuleId.LNX_SEC_4).flag("include-login-user");
      policy.thresholds(RuleId.LNX_ARCH_1).texts("architectures");
      // the serial console is one rule's per policy: LNX-BOOT-1 (x64 only) or IMG-TYPE-4 (per architecture)
      assertThat(policy.applies(RuleId.LNX_BOOT_1)).isNotEqualTo(policy.applies(RuleId.IMG_TYPE_4));
      if (policy.applies(RuleId.LNX_BOOT_1)) {
        policy.thresholds(RuleId.LNX_BOOT_1).textMap("console");
        policy.thresholds(RuleId.LNX_BOOT_1).texts("recommended");
      } else {
        policy.thresholds(RuleId.IMG_TYPE_4).textMap("console");
      }
      policy.thresholds(RuleId.IMG_TYPE_1).texts("allowed");
      policy.thresholds(RuleId.IMG_TYPE_2).texts("generations");
      cn.marketplace.onboarding.certification.windows.WindowsThresholds.of(policy);
      assertThat(policy.thresholds(RuleId.LNX_SIZE_1).optionalNumber("min-gib")).isPresent();
    }
  }

  @Test
  void aPolicyFileThatNamesAnUnknownRuleStopsTheStart() {
    String file = "policy: broken\nversion: \"1\"\ntitle: t\nrules:\n  LNX-NOPE-1: {severity: BLOCK}\n";

    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> CertificationPolicies.parse("broken-v1.yaml",
        new java.io.ByteArrayInputStream(file.getBytes()))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown rule LNX-NOPE-1");
  }

  @Test
  void theDocumentIsWhatThePoliciesGenerate() throws IOException {
    String generated = PolicyCatalogue.render(policies.all());
    if (Boolean.getBoolean("policies.catalogue.write")) {
      Files.writeString(DOCUMENT, generated);
    }
    assertThat(Files.readString(DOCUMENT))
        .as("docs/policies.md differs from the policies: write it again with -Dpolicies.catalogue.write=true")
        .isEqualTo(generated);
    assertThat(Arrays.stream(RuleId.values())).allMatch(rule -> generated.contains("| " + rule.id() + " |"));
  }
}
