package cn.marketplace.onboarding.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.marketplace.onboarding.testsupport.OnboardingSpringTest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.relational.core.conversion.DbActionExecutionException;

/** Applications and amend links keep every change that is saved, and a loaded one is updated, never inserted. */
@OnboardingSpringTest
class ApplicationStorageTest {

  private static final Instant T0 = Instant.parse("2026-03-02T08:15:30.123456Z");
  private static final Instant T1 = Instant.parse("2026-03-05T09:00:00Z");

  @Autowired ApplicationRepository applications;
  @Autowired AmendLinkRepository amendLinks;

  /**
   * Two applications of a company that arrive together both find no open one and both insert: the table
   * keeps the credit code of an open application unique, and the one that loses learns it as
   * {@code ApplicationService.register} expects, a data integrity violation inside Spring Data's exception.
   */
  @Test
  void aSecondOpenApplicationOfTheSameCompanyIsRefusedByTheDatabase() {
    ApplicationForm form = ApplicationFixtures.unique("first@example.cn");
    applications.save(Application.open(form, null, T0));

    assertThatThrownBy(() -> applications.save(Application.open(form, null, T1)))
        .isInstanceOf(DbActionExecutionException.class)
        .hasCauseInstanceOf(DataIntegrityViolationException.class);
    assertThat(applications.findByOpenCreditCode(form.unifiedSocialCreditCode()).orElseThrow().getCreatedAt())
        .isEqualTo(T0);
  }

  @Test
  void anApplicationKeepsItsLinkItsAmendmentAndItsEnd() {
    ApplicationForm form = ApplicationFixtures.unique("storage@example.cn");
    Application application = Application.open(form, null, T0);
    assertThat(application.isNew()).isTrue();
    applications.save(application);
    assertThat(application.isNew()).isFalse();
    application.attachTo("pi-" + application.getId());
    applications.save(application);

    Application linked = applications.findByProcessInstanceId("pi-" + application.getId()).orElseThrow();
    assertThat(linked.isNew()).isFalse();
    assertThat(linked.getCreatedAt()).isEqualTo(T0);
    assertThat(applications.findByOpenCreditCode(form.unifiedSocialCreditCode())).isPresent();
    linked.update(ApplicationFixtures.inLanguage(form, "en"), null, T1);
    applications.save(linked);
    assertThat(applications.findById(application.getId()).orElseThrow().getLanguage()).isEqualTo("en");

    Application loaded = applications.findById(application.getId()).orElseThrow();
    loaded.close(Application.Status.REJECTED, T1);
    applications.save(loaded);

    Application closed = applications.findById(application.getId()).orElseThrow();
    assertThat(closed.getStatus()).isEqualTo(Application.Status.REJECTED);
    assertThat(closed.getProcessInstanceId()).isEqualTo("pi-" + application.getId());
    assertThat(applications.findByOpenCreditCode(form.unifiedSocialCreditCode())).isEmpty();
  }

  @Test
  void anAmendLinkKeepsItsUseAndItsExpiry() {
    String applicationId = applications.save(
        Application.open(ApplicationFixtures.unique("links@example.cn"), null, T0)).getId();
    String used = amendLinks.save(new AmendLink("used-" + UUID.randomUUID(), applicationId, T1)).getId();
    String expired = amendLinks.save(new AmendLink("expired-" + UUID.randomUUID(), applicationId, T1)).getId();

    for (AmendLink link : amendLinks.findByApplicationId(applicationId)) {
      assertThat(link.isNew()).isFalse();
      assertThat(link.usableAt(T0)).isTrue();
      if (link.getId().equals(used)) {
        link.use(T0);
      } else {
        link.expire(T0);
      }
      amendLinks.save(link);
    }

    assertThat(amendLinks.findById(used).orElseThrow().usableAt(T0)).isFalse();
    assertThat(amendLinks.findById(expired).orElseThrow().usableAt(T0.minusSeconds(1))).isTrue();
    assertThat(amendLinks.findById(expired).orElseThrow().usableAt(T0)).isFalse();
  }
}
