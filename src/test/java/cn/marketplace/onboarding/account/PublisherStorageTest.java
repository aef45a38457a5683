package cn.marketplace.onboarding.account;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.testsupport.OnboardingSpringTest;
import cn.marketplace.onboarding.testsupport.StoredRows;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A publisher keeps its activation once saved, and the SQL queries find it by it and by its records' instances. */
@OnboardingSpringTest
class PublisherStorageTest {

  private static final Instant T0 = Instant.parse("2026-03-02T08:15:30Z");

  @Autowired PublisherRepository publishers;
  @Autowired JdbcTemplate jdbc;

  @Test
  void anActivatedPublisherIsFoundByItsCredential() {
    StoredRows rows = new StoredRows(jdbc);
    String applicationId = rows.application();
    String id = AccountService.publisherIdFor(applicationId);
    publishers.save(new Publisher(id, applicationId, "c", "c@example.cn", "zh-CN", T0));
    String credential = UUID.randomUUID().toString();
    assertThat(publishers.findOthersActivatedWith("partnerId", credential, "nobody")).isEmpty();

    Publisher loaded = publishers.findByApplicationId(applicationId).orElseThrow();
    assertThat(loaded.isNew()).isFalse();
    loaded.activate("partnerId", credential, T0);
    publishers.save(loaded);

    assertThat(publishers.findById(id).orElseThrow().isActive()).isTrue();
    assertThat(publishers.findOthersActivatedWith("partnerId", credential, "nobody"))
        .extracting(Publisher::getId).containsExactly(id);
    assertThat(publishers.findOthersActivatedWith("partnerId", credential, id)).isEmpty();
    assertThat(publishers.findAllIds()).contains(id);

    jdbc.update("update application set process_instance_id = ? where id = ?", "pi-" + id, applicationId);
    assertThat(publishers.findByOnboardingInstance("pi-" + id)).map(Publisher::getId).contains(id);
  }

  @Test
  void aCertificationOrReleaseInstanceFindsThePublisherOfItsRecordOnly() {
    StoredRows rows = new StoredRows(jdbc);
    String publisher = rows.publisher();
    String other = rows.publisher();
    String submission = rows.submission(publisher);
    rows.submission(other);
    String certification = "cert-" + UUID.randomUUID();
    jdbc.update("update submission set process_instance_id = ? where id = ?", certification, submission);
    String release = UUID.randomUUID().toString();
    String releaseInstance = "release-" + UUID.randomUUID();
    jdbc.update("insert into offer_release (id, offer_ref, publisher_id, state, title_zh, title_en, summary_zh,"
        + " summary_en, description_zh, description_en, process_instance_id, created_at, updated_at)"
        + " values (?, ?, ?, 'IN_REVIEW', 't', 't', 's', 's', 'd', 'd', ?, current_timestamp, current_timestamp)",
        release, rows.offer(other, "offer-" + release.substring(0, 8)), other, releaseInstance);

    assertThat(publishers.findByCertificationInstance(certification)).map(Publisher::getId).contains(publisher);
    assertThat(publishers.findByReleaseInstance(releaseInstance)).map(Publisher::getId).contains(other);
    assertThat(publishers.findByCertificationInstance(releaseInstance)).isEmpty();
    assertThat(publishers.findByReleaseInstance(certification)).isEmpty();
  }
}
