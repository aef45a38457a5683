package cn.marketplace.onboarding.activation;

import static cn.marketplace.onboarding.rules.RuleId.ACT_2;
import static cn.marketplace.onboarding.rules.RuleId.ACT_3;

import cn.marketplace.onboarding.process.PublisherOnboarding;
import cn.marketplace.onboarding.rules.Finding;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * ACT-2 and ACT-3: a Microsoft partner ID from the partner directory, or the ID of a paying Azure
 * customer, activates publishing; {@code none} sends the publisher the way to buy Azure.
 */
@Component
public class CredentialCheck {

  public enum Outcome { VALID, INVALID, NONE }

  public record Verdict(Outcome outcome, Finding finding) {}

  private static final Pattern PARTNER_ID = Pattern.compile("\\d{6,10}");
  private static final Pattern CUSTOMER_ID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final PartnerDirectory directory;

  CredentialCheck(PartnerDirectory directory) {
    this.directory = directory;
  }

  public Verdict verify(String credentialType, String credential) {
    String value = credential == null ? "" : credential.strip();
    return switch (credentialType == null ? "" : credentialType) {
      case "partnerId" -> {
        if (!PARTNER_ID.matcher(value).matches()) {
          yield invalid(Finding.fail(ACT_2, PublisherOnboarding.CREDENTIAL, "activation.partner-id-format"));
        }
        yield directory.partner(value)
            .map(org -> new Verdict(Outcome.VALID, Finding.pass(ACT_2, PublisherOnboarding.CREDENTIAL, "activation.partner-id-valid", org)))
            .orElseGet(() -> invalid(Finding.fail(ACT_2, PublisherOnboarding.CREDENTIAL, "activation.partner-id-unknown")));
      }
      case "azureCustomer" -> {
        if (!CUSTOMER_ID.matcher(value).matches()) {
          yield invalid(Finding.fail(ACT_3, PublisherOnboarding.CREDENTIAL, "activation.customer-id-format"));
        }
        yield directory.azureCustomer(value)
            .map(org -> new Verdict(Outcome.VALID, Finding.pass(ACT_3, PublisherOnboarding.CREDENTIAL, "activation.customer-id-valid", org)))
            .orElseGet(() -> invalid(Finding.fail(ACT_3, PublisherOnboarding.CREDENTIAL, "activation.customer-id-unknown")));
      }
      case "none" -> new Verdict(Outcome.NONE, Finding.warning(ACT_3, PublisherOnboarding.CREDENTIAL_TYPE, "activation.buy-azure"));
      default -> invalid(Finding.fail(ACT_2, PublisherOnboarding.CREDENTIAL_TYPE, "activation.credential-type-unknown"));
    };
  }

  private static Verdict invalid(Finding finding) {
    return new Verdict(Outcome.INVALID, finding);
  }
}
