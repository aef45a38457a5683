package cn.marketplace.onboarding.testsupport;

import cn.marketplace.onboarding.certification.policy.CertificationPolicies;
import cn.marketplace.onboarding.certification.policy.CertificationPolicy;
import cn.marketplace.onboarding.rules.PolicyRef;

/** The certification policies the product ships, as the tests judge by them. */
public final class TestPolicies {

  public static final CertificationPolicies SHIPPED = new CertificationPolicies();
  /** The 2015 guides as written. */
  public static final CertificationPolicy AZURE_CHINA_2015 = SHIPPED.get(new PolicyRef("azure-china-2015", "1"));
  /** Microsoft's checks of today. */
  public static final CertificationPolicy AZURE_CURRENT = SHIPPED.get(new PolicyRef("azure-current", "1"));

  private TestPolicies() {}
}
