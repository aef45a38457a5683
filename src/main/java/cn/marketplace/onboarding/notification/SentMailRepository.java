package cn.marketplace.onboarding.notification;

import java.time.Instant;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.query.Param;

interface SentMailRepository extends ListCrudRepository<SentMail, String> {

  /**
   * Writes the key's ledger entry unless it is there; false if it was. One statement for the check
   * and the write: a second transaction writing the same key waits on it and fails at the primary key.
   */
  @Modifying
  @Query("""
      insert into sent_mail (idempotency_key, template, recipients, sent_at)
        select :key, :template, :recipients, :sentAt where not exists (select 1 from sent_mail where idempotency_key = :key)""")
  boolean claim(@Param("key") String idempotencyKey, @Param("template") String template,
      @Param("recipients") int recipients, @Param("sentAt") Instant sentAt);
}
