package cn.marketplace.onboarding.submission;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import cn.marketplace.onboarding.security.SecretBox;
import cn.marketplace.onboarding.testsupport.OnboardingSpringTest;
import cn.marketplace.onboarding.testsupport.StoredRows;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Each step's change of a submission is there when the submission is read again. */
@OnboardingSpringTest
class SubmissionStorageTest {

  private static final Instant T0 = Instant.parse("2026-03-02T08:15:30.123456Z");
  private static final Instant T1 = Instant.parse("2026-03-09T10:00:00Z");

  @Autowired SubmissionRepository submissions;
  @Autowired SecretBox secrets;
  @Autowired JdbcTemplate jdbc;

  @Test
  void everyStepOfASubmissionIsStored() {
    String publisherId = new StoredRows(jdbc).publisher();
    Submission registered = Submission.register(publisherId, SubmissionFixtures.linux(), secrets, T0);
    submissions.save(registered);
    String id = registered.getId();
    assertThat(submissions.findById(id).orElseThrow().reveal(secrets)).isEqualTo(registered.reveal(secrets));

    step(id, s -> s.attachTo("pi-" + id));
    Submission linked = submissions.findByProcessInstanceId("pi-" + id).orElseThrow();
    assertThat(linked.isNew()).isFalse();

    List<Finding> findings = List.of(Finding.fail(RuleId.CERT_3, "vm", "CERT-3.windows.results-unread"));
    step(id, s -> s.recordCheck(findings, Submission.Status.NEEDS_FIX, T1, T0));
    assertThat(submissions.findById(id).orElseThrow())
        .satisfies(s -> assertThat(s.getStatus()).isEqualTo(Submission.Status.NEEDS_FIX))
        .satisfies(s -> assertThat(s.findings()).isEqualTo(findings))
        .satisfies(s -> assertThat(s.sasExpiresAt()).contains(T1));

    step(id, s -> s.update(SubmissionFixtures.with(s.publicForm(), "version", "1.0.1"), secrets, T0));
    assertThat(submissions.findById(id).orElseThrow().getVersion()).isEqualTo("1.0.1");
    assertThat(submissions.findById(id).orElseThrow().holdsSasUris()).isTrue();

    step(id, s -> s.sendBack("too large", T0));
    assertThat(submissions.findById(id).orElseThrow().getReviewComment()).isEqualTo("too large");

    step(id, s -> s.accept(T0));
    assertThat(submissions.findById(id).orElseThrow().getStatus()).isEqualTo(Submission.Status.VHDS_ACCEPTED);

    step(id, s -> s.trustHostKey("SHA256:abc"));
    step(id, s -> s.recordCertification(List.of(), true, T1));
    assertThat(submissions.findById(id).orElseThrow())
        .satisfies(s -> assertThat(s.getVmHostKey()).isEqualTo("SHA256:abc"))
        .satisfies(s -> assertThat(s.getStatus()).isEqualTo(Submission.Status.QUESTIONNAIRE));

    step(id, s -> s.certify(T1));
    assertThat(submissions.findById(id).orElseThrow())
        .satisfies(s -> assertThat(s.getStatus()).isEqualTo(Submission.Status.CERTIFIED))
        .satisfies(s -> assertThat(s.holdsVmCredentials()).isFalse());

    step(id, s -> s.forgetSasUris(T1));
    assertThat(submissions.findById(id).orElseThrow())
        .satisfies(s -> assertThat(s.holdsSasUris()).isFalse())
        .satisfies(s -> assertThat(s.sasExpiresAt()).isEmpty());
  }

  @Test
  void anUncertifiedSubmissionIsClosedWithItsInstance() {
    String publisherId = new StoredRows(jdbc).publisher();
    String id = submissions.save(Submission.register(publisherId, SubmissionFixtures.linux(), secrets, T0)).getId();

    step(id, s -> s.close(T1));

    assertThat(submissions.findById(id).orElseThrow().getStatus()).isEqualTo(Submission.Status.CLOSED);
  }

  /** One step as a service takes it: the submission loaded, changed and saved. */
  private void step(String id, Consumer<Submission> change) {
    Submission submission = submissions.findById(id).orElseThrow();
    change.accept(submission);
    submissions.save(submission);
  }
}
