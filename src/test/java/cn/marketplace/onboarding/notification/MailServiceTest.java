package cn.marketplace.onboarding.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.marketplace.onboarding.testsupport.MailServer;
import cn.marketplace.onboarding.testsupport.OnboardingSpringTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** A mail leaves once per key, with the transaction that records the key, over the real SMTP server. */
@OnboardingSpringTest
class MailServiceTest {

  private static final String TEMPLATE = "application-lapsed";

  @Autowired MailService mails;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transactions;

  private String key;
  private String to;

  @BeforeEach
  void setUp() {
    MailServer.purge();
    key = "mail-service-test:" + UUID.randomUUID();
    to = UUID.randomUUID() + "@contoso.example";
  }

  @Test
  void aKeySendsOneMailHoweverOftenItIsSent() throws Exception {
    assertThat(send()).isTrue();
    assertThat(send()).as("the same key again").isFalse();
    assertThat((Boolean) transactions.execute(status -> send())).as("the same key in a transaction").isFalse();

    assertThat(MailServer.to(to)).singleElement()
        .satisfies(mail -> assertThat(mail.getHeader(MailService.KEY_HEADER)).containsExactly(key));
    assertThat(ledger()).containsExactly(Map.of("TEMPLATE", TEMPLATE, "RECIPIENTS", 1));
    assertThat(mails.alreadySent(key)).isTrue();
  }

  @Test
  void aStepThatFailsAfterItsMailSendsNothingAndItsRetrySendsOnce() {
    assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
      assertThat(send()).isTrue();
      throw new IllegalStateException("the step fails after its mail");
    })).hasMessage("the step fails after its mail");
    assertThat(MailServer.to(to)).as("mail of a rolled-back step").isEmpty();
    assertThat(ledger()).as("key of a rolled-back step").isEmpty();
    assertThat(mails.alreadySent(key)).isFalse();

    assertThat((Boolean) transactions.execute(status -> send())).as("the retry").isTrue();
    assertThat(MailServer.to(to)).hasSize(1);
    assertThat(ledger()).hasSize(1);
  }

  @Test
  void aMailWithoutRecipientsLeavesNoKeySoThatALaterSendWithOneGoesOut() {
    assertThat(mails.send(key, TEMPLATE, "en", List.of(), model())).isFalse();
    assertThat(ledger()).isEmpty();

    assertThat(send()).isTrue();
    assertThat(MailServer.to(to)).hasSize(1);
  }

  private boolean send() {
    return mails.send(key, TEMPLATE, "en", List.of(to), model());
  }

  private static Map<String, Object> model() {
    return Map.of("contactName", "Li Lei", "companyName", "Contoso", "applicationId", "a-1", "baseUrl",
        "http://localhost", "processInstanceId", "p-1", "reviewDecision", "moreInfo", "reviewComment", "");
  }

  private List<Map<String, Object>> ledger() {
    return jdbc.queryForList("select template, recipients from sent_mail where idempotency_key = ?", key).stream()
        .map(row -> Map.<String, Object>of("TEMPLATE", row.get("template"), "RECIPIENTS",
            ((Number) row.get("recipients")).intValue()))
        .toList();
  }
}
