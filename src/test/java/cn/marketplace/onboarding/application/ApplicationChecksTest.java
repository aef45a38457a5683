package cn.marketplace.onboarding.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import cn.marketplace.onboarding.rules.RuleId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApplicationChecksTest {

  private final ApplicationChecks checks = new ApplicationChecks();

  @Test
  void aValidApplicationHasNoErrors() {
    assertThat(checks.check(ApplicationFixtures.valid())).isEmpty();
    assertThat(checks.check(ApplicationFixtures.valid(ApplicationFixtures.TENCENT, "a@b.cn"))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"914403001922038217", "9144030071526726XA", "91440300192203821I", "ABCDEFGHIJKLMNOPQR"})
  void aWrongCheckCharacterOrAlphabetIsRefusedUnderApply3(String code) {
    var errors = checks.check(with(code, "CN-GD", "vm-image", true, "a@b.cn", "13800138000"));
    assertThat(errors).extracting(FieldError::field, FieldError::ruleId, FieldError::messageKey)
        .containsExactly(tuple("unifiedSocialCreditCode", RuleId.APPLY_3, "application.credit-code-invalid"));
  }

  @Test
  void aCodeOfTheWrongLengthSaysSo() {
    var errors = checks.check(with("91440300192203821", "CN-GD", "vm-image", true, "a@b.cn", "13800138000"));
    assertThat(errors).extracting(FieldError::messageKey).containsExactly("application.credit-code-length");
  }

  @ParameterizedTest
  @ValueSource(strings = {"CN-HK", "CN-MO", "CN-TW"})
  void hongKongMacaoAndTaiwanAreNotMainland(String region) {
    var errors = checks.check(with(ApplicationFixtures.HUAWEI, region, "vm-image", true, "a@b.cn", "13800138000"));
    assertThat(errors).extracting(FieldError::field, FieldError::ruleId, FieldError::messageKey)
        .containsExactly(tuple("registeredRegion", RuleId.APPLY_3, "application.region-outside-mainland"));
  }

  @Test
  void anUnknownRegionCodeIsRefused() {
    var errors = checks.check(with(ApplicationFixtures.HUAWEI, "US-CA", "vm-image", true, "a@b.cn", "13800138000"));
    assertThat(errors).extracting(FieldError::messageKey).containsExactly("application.region-unknown");
  }

  @ParameterizedTest
  @ValueSource(strings = {"saas", "service"})
  void onlyVmImagesAreInScope(String productType) {
    var errors = checks.check(with(ApplicationFixtures.HUAWEI, "CN-GD", productType, true, "a@b.cn", "13800138000"));
    assertThat(errors).extracting(FieldError::field, FieldError::ruleId)
        .containsExactly(tuple("productType", RuleId.SCOPE_1));
  }

  @Test
  void thePolicyMustBeAccepted() {
    var errors = checks.check(with(ApplicationFixtures.HUAWEI, "CN-GD", "vm-image", false, "a@b.cn", "13800138000"));
    assertThat(errors).extracting(FieldError::field, FieldError::ruleId)
        .containsExactly(tuple("policyAccepted", RuleId.APPLY_1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"not-an-address", "a@b", "Zhang <a@b.cn>", "a@b.cn, c@d.cn", "<script>@x.cn"})
  void malformedMailAddressesAreRefused(String email) {
    var errors = checks.check(with(ApplicationFixtures.HUAWEI, "CN-GD", "vm-image", true, email, "13800138000"));
    assertThat(errors).extracting(FieldError::field, FieldError::ruleId)
        .containsExactly(tuple("contactEmail", RuleId.APPLY_4));
  }

  @ParameterizedTest
  @ValueSource(strings = {"12345", "phone", "+1 555", "1380013800013800138000"})
  void malformedPhoneNumbersAreRefused(String phone) {
    var errors = checks.check(with(ApplicationFixtures.HUAWEI, "CN-GD", "vm-image", true, "a@b.cn", phone));
    assertThat(errors).extracting(FieldError::field, FieldError::ruleId)
        .containsExactly(tuple("contactPhone", RuleId.APPLY_4));
  }

  @ParameterizedTest
  @ValueSource(strings = {"13800138000", "+86 21 5555 0100", "010-6552 9988"})
  void mainlandNumbersPass(String phone) {
    assertThat(checks.check(with(ApplicationFixtures.HUAWEI, "CN-GD", "vm-image", true, "a@b.cn", phone))).isEmpty();
  }

  @Test
  void markupAndOversizedTextAreRefusedFieldByField() {
    var form = new ApplicationForm("<script>alert(1)</script>", ApplicationFixtures.HUAWEI, "CN-GD", "x".repeat(301),
        "&lt;b&gt;", "a@b.cn", "13800138000", "vm-image", true, "zh-CN");
    assertThat(checks.check(form)).extracting(FieldError::field, FieldError::messageKey).containsExactly(
        tuple("companyName", "application.markup"),
        tuple("registeredAddress", "application.too-long"),
        tuple("contactName", "application.markup"));
  }

  @Test
  void anEmptyApplicationListsEveryMissingField() {
    var errors = checks.check(new ApplicationForm(null, null, null, null, null, null, null, null, null, null));
    assertThat(errors).extracting(FieldError::field).containsExactly("companyName", "unifiedSocialCreditCode",
        "registeredRegion", "registeredAddress", "contactName", "contactEmail", "contactPhone", "productType",
        "policyAccepted", "language");
  }

  private static ApplicationForm with(String code, String region, String type, boolean policy, String email,
      String phone) {
    return new ApplicationForm("深圳示例软件有限公司", code, region, "深圳市南山区科技园 1 号", "张伟", email, phone, type, policy, "zh-CN");
  }
}
