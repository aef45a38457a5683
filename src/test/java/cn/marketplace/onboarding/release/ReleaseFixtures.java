package cn.marketplace.onboarding.release;

import java.util.HashMap;
import java.util.Map;

/** What a publisher's release start form sends, for tests and the benchmark. */
public final class ReleaseFixtures {

  private ReleaseFixtures() {}

  /** Marketing content for offer contoso-db whose SKUs are BYOL only, so without a trial length. */
  public static Map<String, Object> byolContent() {
    Map<String, Object> variables = new HashMap<>();
    variables.put("offerId", "contoso-db");
    variables.put("titleZh", "康托索数据库");
    variables.put("titleEn", "Contoso DB");
    variables.put("summaryZh", "开箱即用的康托索数据库服务器。");
    variables.put("summaryEn", "The Contoso database server, ready to run.");
    variables.put("descriptionZh", "在 Ubuntu 22.04 上预装并调优的康托索数据库。");
    variables.put("descriptionEn", "Contoso DB preinstalled and tuned on Ubuntu 22.04.");
    return variables;
  }
}
