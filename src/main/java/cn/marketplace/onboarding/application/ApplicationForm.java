package cn.marketplace.onboarding.application;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import cn.marketplace.onboarding.process.PublisherOnboarding;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an ISV gives to apply: the start form of {@code publisherOnboarding}. Every field is
 * checked by {@link ApplicationChecks}; nothing here is trusted.
 */
@Schema(description = "An application to become a publisher on the Azure marketplace in China")
public record ApplicationForm(
    @Schema(requiredMode = REQUIRED, example = "上海示例软件有限公司", maxLength = 200) String companyName,
    @Schema(requiredMode = REQUIRED, description = "18-character unified social credit code (GB 32100-2015, APPLY-3)",
        example = "91310000MA1FL4CT2Q") String unifiedSocialCreditCode,
    @Schema(requiredMode = REQUIRED, description = "ISO 3166-2:CN code of a mainland region", example = "CN-SH")
    String registeredRegion,
    @Schema(requiredMode = REQUIRED, maxLength = 300, example = "上海市浦东新区世纪大道 100 号") String registeredAddress,
    @Schema(requiredMode = REQUIRED, maxLength = 100, example = "王芳") String contactName,
    @Schema(requiredMode = REQUIRED, maxLength = 254, example = "wang.fang@example.cn") String contactEmail,
    @Schema(requiredMode = REQUIRED, example = "+86 21 5555 0100") String contactPhone,
    @Schema(requiredMode = REQUIRED, allowableValues = {"vm-image", "saas", "service"}, example = "vm-image")
    String productType,
    @Schema(requiredMode = REQUIRED, description = "Must be true: the marketplace participation policy is accepted",
        example = "true") Boolean policyAccepted,
    @Schema(requiredMode = REQUIRED, allowableValues = {"zh-CN", "en"}, example = "zh-CN") String language) {

  /** The form as process variables, under the names the diagram and its forms use. */
  public Map<String, Object> toVariables() {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put(PublisherOnboarding.COMPANY_NAME, companyName);
    variables.put(PublisherOnboarding.UNIFIED_SOCIAL_CREDIT_CODE, unifiedSocialCreditCode);
    variables.put(PublisherOnboarding.REGISTERED_REGION, registeredRegion);
    variables.put(PublisherOnboarding.REGISTERED_ADDRESS, registeredAddress);
    variables.put(PublisherOnboarding.CONTACT_NAME, contactName);
    variables.put(PublisherOnboarding.CONTACT_EMAIL, contactEmail);
    variables.put(PublisherOnboarding.CONTACT_PHONE, contactPhone);
    variables.put(PublisherOnboarding.PRODUCT_TYPE, productType);
    variables.put(PublisherOnboarding.POLICY_ACCEPTED, policyAccepted);
    variables.put(PublisherOnboarding.LANGUAGE, language);
    return variables;
  }

  /** The form as Tasklist's start form delivers it: process variables of any type. */
  public static ApplicationForm fromVariables(Map<String, Object> variables) {
    Object accepted = variables.get(PublisherOnboarding.POLICY_ACCEPTED);
    return new ApplicationForm(
        string(variables, PublisherOnboarding.COMPANY_NAME),
        string(variables, PublisherOnboarding.UNIFIED_SOCIAL_CREDIT_CODE),
        string(variables, PublisherOnboarding.REGISTERED_REGION),
        string(variables, PublisherOnboarding.REGISTERED_ADDRESS),
        string(variables, PublisherOnboarding.CONTACT_NAME),
        string(variables, PublisherOnboarding.CONTACT_EMAIL),
        string(variables, PublisherOnboarding.CONTACT_PHONE),
        string(variables, PublisherOnboarding.PRODUCT_TYPE),
        accepted instanceof Boolean b ? b : accepted == null ? null : Boolean.valueOf(accepted.toString()),
        string(variables, PublisherOnboarding.LANGUAGE));
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
