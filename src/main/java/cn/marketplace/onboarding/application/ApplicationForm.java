package cn.marketplace.onboarding.application;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an ISV gives to apply: the start form of {@code publisherOnboarding}. Every field is
 * checked by {@link ApplicationChecks}; nothing here is trusted.
 */
@Schema(description = "An application to become a publisher on the Azure marketplace in China")
public record ApplicationForm(
    @Schema(example = "上海示例软件有限公司", maxLength = 200) String companyName,
    @Schema(description = "18-character unified social credit code (GB 32100-2015)", example = "91310000MA1FL4CT2B")
    String unifiedSocialCreditCode,
    @Schema(description = "ISO 3166-2:CN code of a mainland region", example = "CN-SH") String registeredRegion,
    @Schema(maxLength = 300) String registeredAddress,
    @Schema(maxLength = 100) String contactName,
    @Schema(maxLength = 254) String contactEmail,
    @Schema(example = "+86 21 5555 0100") String contactPhone,
    @Schema(allowableValues = {"vm-image", "saas", "service"}) String productType,
    Boolean policyAccepted,
    @Schema(allowableValues = {"zh-CN", "en"}) String language) {

  /** The form as process variables, under the names the diagram and its forms use. */
  public Map<String, Object> toVariables() {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("companyName", companyName);
    variables.put("unifiedSocialCreditCode", unifiedSocialCreditCode);
    variables.put("registeredRegion", registeredRegion);
    variables.put("registeredAddress", registeredAddress);
    variables.put("contactName", contactName);
    variables.put("contactEmail", contactEmail);
    variables.put("contactPhone", contactPhone);
    variables.put("productType", productType);
    variables.put("policyAccepted", policyAccepted);
    variables.put("language", language);
    return variables;
  }

  /** The form as Tasklist's start form delivers it: process variables of any type. */
  public static ApplicationForm fromVariables(Map<String, Object> variables) {
    Object accepted = variables.get("policyAccepted");
    return new ApplicationForm(
        string(variables, "companyName"),
        string(variables, "unifiedSocialCreditCode"),
        string(variables, "registeredRegion"),
        string(variables, "registeredAddress"),
        string(variables, "contactName"),
        string(variables, "contactEmail"),
        string(variables, "contactPhone"),
        string(variables, "productType"),
        accepted instanceof Boolean b ? b : accepted == null ? null : Boolean.valueOf(accepted.toString()),
        string(variables, "language"));
  }

  private static String string(Map<String, Object> variables, String name) {
    Object value = variables.get(name);
    return value == null ? null : value.toString();
  }

  /** The same application with surrounding white space removed and codes in canonical case. */
  public ApplicationForm normalized() {
    return new ApplicationForm(trim(companyName), upper(unifiedSocialCreditCode), upper(registeredRegion),
        trim(registeredAddress), trim(contactName), trim(contactEmail), trim(contactPhone), trim(productType),
        policyAccepted, trim(language));
  }

  private static String trim(String value) {
    return value == null ? null : value.strip();
  }

  private static String upper(String value) {
    return value == null ? null : value.strip().toUpperCase(java.util.Locale.ROOT);
  }
}
