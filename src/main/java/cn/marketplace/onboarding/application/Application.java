package cn.marketplace.onboarding.application;

import cn.marketplace.onboarding.persistence.AssignedIdEntity;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** An ISV's application to become a publisher. */
@Table("application")
public class Application extends AssignedIdEntity {

  public enum Status { OPEN, APPROVED, REJECTED, LAPSED, ACTIVE }

  @Id
  private String id;
  private String companyName;
  private String creditCode;
  /** Set while the application blocks a second one for the same company (unique). */
  private String openCreditCode;
  /** The open application of the same company when this one came, which the reviewer is shown. */
  private String duplicateOf;
  private String registeredRegion;
  private String registeredAddress;
  private String contactName;
  private String contactEmail;
  private String contactPhone;
  private String productType;
  private String language;
  private Status status;
  private String processInstanceId;
  private Instant createdAt;
  private Instant updatedAt;

  protected Application() {}

  static Application open(ApplicationForm form, String duplicateOf, Instant now) {
    Application application = new Application();
    application.id = UUID.randomUUID().toString();
    application.status = Status.OPEN;
    application.createdAt = now;
    application.update(form, duplicateOf, now);
    return application;
  }

  /** {@code duplicateOf}: another open application of the same company, which keeps the credit code open. */
  void update(ApplicationForm form, String duplicateOf, Instant now) {
    companyName = form.companyName();
    creditCode = form.unifiedSocialCreditCode();
    this.duplicateOf = duplicateOf;
    openCreditCode = duplicateOf == null ? creditCode : null;
    registeredRegion = form.registeredRegion();
    registeredAddress = form.registeredAddress();
    contactName = form.contactName();
    contactEmail = form.contactEmail();
    contactPhone = form.contactPhone();
    productType = form.productType();
    language = form.language();
    updatedAt = now;
  }

  void close(Status outcome, Instant now) {
    status = outcome;
    if (outcome == Status.REJECTED || outcome == Status.LAPSED) {
      openCreditCode = null;
    }
    updatedAt = now;
  }

  void attachTo(String processInstanceId) {
    this.processInstanceId = processInstanceId;
  }

  public ApplicationForm toForm() {
    return new ApplicationForm(companyName, creditCode, registeredRegion, registeredAddress, contactName,
        contactEmail, contactPhone, productType, Boolean.TRUE, language);
  }

  public String getId() { return id; }
  public String getCompanyName() { return companyName; }
  public String getCreditCode() { return creditCode; }
  public String getContactName() { return contactName; }
  public String getContactEmail() { return contactEmail; }
  public String getLanguage() { return language; }
  public String getDuplicateOf() { return duplicateOf; }
  public Status getStatus() { return status; }
  public String getProcessInstanceId() { return processInstanceId; }
  public Instant getCreatedAt() { return createdAt; }
}
