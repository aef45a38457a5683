package cn.marketplace.onboarding.submission;

import cn.marketplace.onboarding.account.AccountService;
import cn.marketplace.onboarding.account.Publisher;
import cn.marketplace.onboarding.application.ApplicationFixtures;
import cn.marketplace.onboarding.application.ApplicationService;
import cn.marketplace.onboarding.application.SubmittedApplication;
import cn.marketplace.onboarding.testsupport.PartnerIds;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/**
 * Publishers for tests, made through the services the onboarding calls (application, account issue,
 * activation) rather than by walking the whole onboarding; each with a known password.
 */
public final class TestPublishers {

  public static final String PASSWORD = "Isv-Passw0rd!x7q";

  public record TestPublisher(String id, String email) {

    public String group() {
      return Publisher.groupOf(id);
    }
  }

  private final ApplicationService applications;
  private final AccountService accounts;
  private final IdentityService identityService;

  public TestPublishers(ApplicationService applications, AccountService accounts, IdentityService identityService) {
    this.applications = applications;
    this.accounts = accounts;
    this.identityService = identityService;
  }

  public TestPublisher active() {
    return active(PartnerIds.unused());
  }

  /** An active publisher activated with {@code partnerId}. */
  public TestPublisher active(String partnerId) {
    TestPublisher publisher = issued();
    accounts.activate(accounts.find(publisher.id()).orElseThrow(), "partnerId", partnerId, mailModel(publisher.id()));
    return publisher;
  }

  /** A publisher with an account that has not activated publishing (ACCT-2). */
  public TestPublisher issued() {
    String email = "isv-" + UUID.randomUUID().toString().substring(0, 8) + "@example.cn";
    SubmittedApplication application = applications.submit(ApplicationFixtures.unique(email));
    Publisher publisher = accounts.issue(new AccountService.Applicant(application.id(), "深圳示例软件有限公司", "张伟", email,
        "zh-CN", application.processInstanceId()), mailModel(null));
    User user = identityService.createUserQuery().userId(publisher.getId()).singleResult();
    user.setPassword(PASSWORD);
    identityService.saveUser(user);
    return new TestPublisher(publisher.getId(), email);
  }

  /** What the onboarding's mails say of the publisher. */
  private static Map<String, Object> mailModel(String publisherId) {
    Map<String, Object> model = new java.util.HashMap<>(Map.of("companyName", "深圳示例软件有限公司", "contactName", "张伟",
        "baseUrl", "http://localhost:8080"));
    if (publisherId != null) {
      model.put("publisherId", publisherId);
    }
    return model;
  }
}
