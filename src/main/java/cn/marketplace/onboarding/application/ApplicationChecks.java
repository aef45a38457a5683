package cn.marketplace.onboarding.application;

import static cn.marketplace.onboarding.rules.RuleId.APPLY_1;
import static cn.marketplace.onboarding.rules.RuleId.APPLY_3;
import static cn.marketplace.onboarding.rules.RuleId.APPLY_4;
import static cn.marketplace.onboarding.rules.RuleId.SCOPE_1;

import cn.hutool.core.util.CreditCodeUtil;
import cn.marketplace.onboarding.process.PublisherOnboarding;
import cn.marketplace.onboarding.rules.RuleId;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The machine checks of an application (SCOPE-1, APPLY-1, APPLY-3, APPLY-4). Every bad field
 * gives its own error naming the field and the rule, so the applicant fixes everything at once.
 */
@Component
public class ApplicationChecks {

  static final int MAX_NAME = 200;
  static final int MAX_ADDRESS = 300;
  static final int MAX_PERSON = 100;
  static final int MAX_EMAIL = 254;
  static final int MAX_PHONE = 30;

  private static final Set<String> PRODUCT_TYPES = Set.of("vm-image", "saas", "service");
  private static final Set<String> LANGUAGES = Set.of("zh-CN", "en");
  private static final Pattern MARKUP = Pattern.compile("[<>]|&#|&[a-zA-Z]+;");
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\t]]");

  private final PhoneNumberUtil phoneNumbers = PhoneNumberUtil.getInstance();

  public List<FieldError> check(ApplicationForm form) {
    List<FieldError> errors = new ArrayList<>();
    text(errors, PublisherOnboarding.COMPANY_NAME, form.companyName(), MAX_NAME, APPLY_3);
    creditCode(errors, form.unifiedSocialCreditCode());
    region(errors, form.registeredRegion());
    text(errors, PublisherOnboarding.REGISTERED_ADDRESS, form.registeredAddress(), MAX_ADDRESS, APPLY_3);
    text(errors, PublisherOnboarding.CONTACT_NAME, form.contactName(), MAX_PERSON, APPLY_4);
    email(errors, form.contactEmail());
    phone(errors, form.contactPhone());
    productType(errors, form.productType());
    if (!Boolean.TRUE.equals(form.policyAccepted())) {
      errors.add(new FieldError(PublisherOnboarding.POLICY_ACCEPTED, APPLY_1, "application.policy-not-accepted"));
    }
    if (form.language() == null || !LANGUAGES.contains(form.language())) {
      errors.add(new FieldError(PublisherOnboarding.LANGUAGE, APPLY_4, "application.language-unknown", LANGUAGES));
    }
    return errors;
  }

  private void text(List<FieldError> errors, String field, String value, int max, RuleId rule) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, rule, "application.required"));
    } else if (value.length() > max) {
      errors.add(new FieldError(field, rule, "application.too-long", max));
    } else if (MARKUP.matcher(value).find()) {
      errors.add(new FieldError(field, rule, "application.markup"));
    } else if (CONTROL.matcher(value).find()) {
      errors.add(new FieldError(field, rule, "application.control-characters"));
    }
  }

  private void creditCode(List<FieldError> errors, String code) {
    if (code == null || code.isBlank()) {
      errors.add(new FieldError(PublisherOnboarding.UNIFIED_SOCIAL_CREDIT_CODE, APPLY_3, "application.required"));
    } else if (code.length() != 18) {
      errors.add(new FieldError(PublisherOnboarding.UNIFIED_SOCIAL_CREDIT_CODE, APPLY_3, "application.credit-code-length", code.length()));
    } else if (!CreditCodeUtil.isCreditCode(code)) {
      errors.add(new FieldError(PublisherOnboarding.UNIFIED_SOCIAL_CREDIT_CODE, APPLY_3, "application.credit-code-invalid"));
    }
  }

  private void region(List<FieldError> errors, String region) {
    if (region == null || region.isBlank()) {
      errors.add(new FieldError(PublisherOnboarding.REGISTERED_REGION, APPLY_3, "application.required"));
    } else if (MainlandRegions.OUTSIDE_MAINLAND.contains(region)) {
      errors.add(new FieldError(PublisherOnboarding.REGISTERED_REGION, APPLY_3, "application.region-outside-mainland", region));
    } else if (!MainlandRegions.CODES.contains(region)) {
      errors.add(new FieldError(PublisherOnboarding.REGISTERED_REGION, APPLY_3, "application.region-unknown"));
    }
  }

  private void email(List<FieldError> errors, String email) {
    if (email == null || email.isBlank()) {
      errors.add(new FieldError(PublisherOnboarding.CONTACT_EMAIL, APPLY_4, "application.required"));
    } else if (email.length() > MAX_EMAIL || !isMailbox(email)) {
      errors.add(new FieldError(PublisherOnboarding.CONTACT_EMAIL, APPLY_4, "application.email-invalid"));
    }
  }

  private void phone(List<FieldError> errors, String phone) {
    if (phone == null || phone.isBlank()) {
      errors.add(new FieldError(PublisherOnboarding.CONTACT_PHONE, APPLY_4, "application.required"));
      return;
    }
    boolean valid = false;
    if (phone.length() <= MAX_PHONE) {
      try {
        valid = phoneNumbers.isValidNumber(phoneNumbers.parse(phone, "CN"));
      } catch (NumberParseException e) {
        valid = false;
      }
    }
    if (!valid) {
      errors.add(new FieldError(PublisherOnboarding.CONTACT_PHONE, APPLY_4, "application.phone-invalid"));
    }
  }

  private void productType(List<FieldError> errors, String productType) {
    if (productType == null || !PRODUCT_TYPES.contains(productType)) {
      errors.add(new FieldError(PublisherOnboarding.PRODUCT_TYPE, SCOPE_1, "application.product-type-unknown", PRODUCT_TYPES));
    } else if (!"vm-image".equals(productType)) {
      errors.add(new FieldError(PublisherOnboarding.PRODUCT_TYPE, SCOPE_1, "application.product-type-not-vm-image"));
    }
  }

  /** A bare address (no display name, no group) with a dotted domain, by the RFC 822 parser of Jakarta Mail. */
  private static boolean isMailbox(String email) {
    try {
      InternetAddress address = new InternetAddress(email, true);
      String parsed = address.getAddress();
      return parsed.equals(email) && address.getPersonal() == null
          && parsed.substring(parsed.indexOf('@') + 1).contains(".") && !MARKUP.matcher(email).find();
    } catch (AddressException e) {
      return false;
    }
  }
}
