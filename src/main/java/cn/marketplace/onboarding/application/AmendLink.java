package cn.marketplace.onboarding.application;

import cn.marketplace.onboarding.persistence.AssignedIdEntity;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A one-time link to amend an application; only the SHA-256 of its token is kept. */
@Table("amend_link")
public class AmendLink extends AssignedIdEntity {

  @Id
  private String tokenHash;
  private String applicationId;
  private Instant expiresAt;
  private Instant usedAt;

  protected AmendLink() {}

  AmendLink(String tokenHash, String applicationId, Instant expiresAt) {
    this.tokenHash = tokenHash;
    this.applicationId = applicationId;
    this.expiresAt = expiresAt;
  }

  boolean usableAt(Instant now) {
    return usedAt == null && now.isBefore(expiresAt);
  }

  void use(Instant now) {
    usedAt = now;
  }

  void expire(Instant now) {
    if (expiresAt.isAfter(now)) {
      expiresAt = now;
    }
  }

  String applicationId() {
    return applicationId;
  }

  @Override
  public String getId() {
    return tokenHash;
  }
}
