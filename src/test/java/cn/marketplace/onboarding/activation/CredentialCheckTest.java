package cn.marketplace.onboarding.activation;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.rules.Result;
import cn.marketplace.onboarding.rules.RuleId;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

class CredentialCheckTest {

  private final CredentialCheck check = new CredentialCheck(new PartnerDirectory(new PartnerDirectoryProperties(
      new ClassPathResource("test-partner-directory.csv"), new ClassPathResource("test-customer-directory.csv"))));

  @Test
  void aPartnerIdInTheDirectoryIsValid() {
    var verdict = check.verify("partnerId", " 1234567 ");
    assertThat(verdict.outcome()).isEqualTo(CredentialCheck.Outcome.VALID);
    assertThat(verdict.finding().ruleId()).isEqualTo(RuleId.ACT_2);
    assertThat(verdict.finding().args()).containsExactly("Shanghai Example Software Co. Ltd.");
  }

  @Test
  void anUnknownOrMalformedPartnerIdIsInvalidWithItsReason() {
    assertThat(check.verify("partnerId", "1111111").finding().messageKey()).isEqualTo("activation.partner-id-unknown");
    assertThat(check.verify("partnerId", "12ab").finding().messageKey()).isEqualTo("activation.partner-id-format");
    assertThat(check.verify("partnerId", null).outcome()).isEqualTo(CredentialCheck.Outcome.INVALID);
  }

  @Test
  void aPayingCustomerSkipsBuying() {
    assertThat(check.verify("azureCustomer", "3F2504E0-4F89-11D3-9A0C-0305E82C3301").outcome())
        .as("ACT-3: a paying Azure customer with a valid ID skips buying Azure").isEqualTo(CredentialCheck.Outcome.VALID);
    assertThat(check.verify("azureCustomer", "3f2504e0-4f89-11d3-9a0c-000000000000").finding().result())
        .isEqualTo(Result.FAIL);
  }

  @Test
  void noneMeansBuyAzureAndAnUnknownTypeIsInvalid() {
    assertThat(check.verify("none", null).outcome()).as("ACT-3: without an ID, buy Azure first")
        .isEqualTo(CredentialCheck.Outcome.NONE);
    assertThat(check.verify("bitcoin", "x").outcome()).isEqualTo(CredentialCheck.Outcome.INVALID);
  }
}
