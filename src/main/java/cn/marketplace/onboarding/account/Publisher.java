package cn.marketplace.onboarding.account;

import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.persistence.AssignedIdEntity;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A publisher: the ISV once its application was approved. Its id is also its users' group suffix. */
@Table("publisher")
public class Publisher extends AssignedIdEntity {

  public enum Status { ISSUED, ACTIVE }

  @Id
  private String id;
  private String applicationId;
  private String companyName;
  private String contactEmail;
  private String language;
  private Status status;
  private String credentialType;
  private String credential;
  private Instant createdAt;
  private Instant activatedAt;

  protected Publisher() {}

  Publisher(String id, String applicationId, String companyName, String contactEmail, String language, Instant now) {
    this.id = id;
    this.applicationId = applicationId;
    this.companyName = companyName;
    this.contactEmail = contactEmail;
    this.language = language;
    this.status = Status.ISSUED;
    this.createdAt = now;
  }

  public void activate(String credentialType, String credential, Instant now) {
    this.status = Status.ACTIVE;
    this.credentialType = credentialType;
    this.credential = credential;
    this.activatedAt = now;
  }

  public boolean isActive() {
    return status == Status.ACTIVE;
  }

  /** The Camunda group of this publisher's users. */
  public String group() {
    return groupOf(id);
  }

  public static String groupOf(String publisherId) {
    return Groups.publisher(publisherId);
  }

  public String getId() { return id; }
  public String getApplicationId() { return applicationId; }
  public String getCompanyName() { return companyName; }
  public String getContactEmail() { return contactEmail; }
  public String getLanguage() { return language; }
  public Status getStatus() { return status; }
}
