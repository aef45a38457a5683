package cn.marketplace.onboarding.certification.policy;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.rules.PolicyRef;
import cn.marketplace.onboarding.testsupport.OnboardingSpringTest;
import cn.marketplace.onboarding.testsupport.StoredRows;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A submission's policy is inserted once and then moved by updates. */
@OnboardingSpringTest
class SubmissionPolicyStorageTest {

  private static final Instant T0 = Instant.parse("2026-03-02T08:15:30Z");
  private static final Instant T1 = Instant.parse("2026-03-09T10:00:00Z");

  @Autowired SubmissionPolicyRepository assignments;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aMovedPolicyIsReadBackMoved() {
    StoredRows rows = new StoredRows(jdbc);
    String submissionId = rows.submission(rows.publisher());
    SubmissionPolicy first = new SubmissionPolicy(submissionId, new PolicyRef("azure-china-2015", "1"), T0);
    assertThat(first.isNew()).isTrue();
    assignments.save(first);

    SubmissionPolicy loaded = assignments.findById(submissionId).orElseThrow();
    assertThat(loaded.isNew()).isFalse();
    loaded.moveTo(new PolicyRef("azure-current", "2"), "li", T1);
    assignments.save(loaded);

    SubmissionPolicy moved = assignments.findById(submissionId).orElseThrow();
    assertThat(moved.policy()).isEqualTo(new PolicyRef("azure-current", "2"));
    assertThat(moved.getMovedBy()).isEqualTo("li");
    assertThat(moved.getAssignedAt()).isEqualTo(T1);
    assertThat(assignments.count()).isPositive();
  }
}
