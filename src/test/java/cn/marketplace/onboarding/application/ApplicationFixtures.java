package cn.marketplace.onboarding.application;

/** Applications for tests: valid ones, and changes of one field. */
public final class ApplicationFixtures {

  /** Unified social credit codes of real, registered companies (public information). */
  public static final String HUAWEI = "914403001922038216";
  public static final String TENCENT = "9144030071526726XG";

  private ApplicationFixtures() {}

  public static ApplicationForm valid(String creditCode, String email) {
    return new ApplicationForm("深圳示例软件有限公司", creditCode, "CN-GD", "深圳市南山区科技园 1 号", "张伟", email,
        "+86 755 8888 1234", "vm-image", true, "zh-CN");
  }

  public static ApplicationForm valid() {
    return valid(HUAWEI, "zhang.wei@example.cn");
  }

  /** A valid application of a company no other test uses (a random credit code with its check character). */
  public static ApplicationForm unique(String email) {
    return valid(cn.hutool.core.util.CreditCodeUtil.randomCreditCode(), email);
  }

  public static ApplicationForm inLanguage(ApplicationForm form, String language) {
    return new ApplicationForm(form.companyName(), form.unifiedSocialCreditCode(), form.registeredRegion(),
        form.registeredAddress(), form.contactName(), form.contactEmail(), form.contactPhone(), form.productType(),
        form.policyAccepted(), language);
  }
}
