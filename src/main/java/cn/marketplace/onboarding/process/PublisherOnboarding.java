package cn.marketplace.onboarding.process;

import cn.marketplace.onboarding.notification.MailStep;

/**
 * The names of process {@value #KEY}: its key, user tasks, message and variables. Diagram, forms and
 * code use these names; they are part of the product's contract and keep their values.
 */
public final class PublisherOnboarding {

  public static final String KEY = "publisherOnboarding";

  // user tasks
  public static final String REVIEW_APPLICATION = "reviewApplication";
  public static final String CALL_APPLICANT = "callApplicant";
  public static final String ACTIVATE_PUBLISHING = "activatePublishing";
  public static final String APPROVE_SHARED_PARTNER_ID = "approveSharedPartnerId";

  // messages
  public static final String APPLICATION_AMENDED = "ApplicationAmended";

  // start form and API
  public static final String COMPANY_NAME = "companyName";
  public static final String UNIFIED_SOCIAL_CREDIT_CODE = "unifiedSocialCreditCode";
  public static final String REGISTERED_REGION = "registeredRegion";
  public static final String REGISTERED_ADDRESS = "registeredAddress";
  public static final String CONTACT_NAME = "contactName";
  public static final String CONTACT_EMAIL = "contactEmail";
  public static final String CONTACT_PHONE = "contactPhone";
  public static final String PRODUCT_TYPE = "productType";
  public static final String POLICY_ACCEPTED = "policyAccepted";
  public static final String LANGUAGE = "language";

  // set by the product
  public static final String APPLICATION_ID = "applicationId";
  public static final String POSSIBLE_DUPLICATE_OF = "possibleDuplicateOf";
  public static final String CALL_ATTEMPTS = "callAttempts";
  public static final String PUBLISHER_ID = "publisherId";
  public static final String CREDENTIAL_RESULT = "credentialResult";
  public static final String ACTIVATION_ERROR = "activationError";
  public static final String PARTNER_ID_BOUND_TO = "partnerIdBoundTo";
  public static final String PUBLISHER_STATUS = "publisherStatus";

  // completing the user tasks
  public static final String REVIEW_DECISION = "reviewDecision";
  public static final String REVIEW_COMMENT = "reviewComment";
  public static final String CALL_OUTCOME = "callOutcome";
  public static final String CALL_NOTES = "callNotes";
  public static final String CREDENTIAL_TYPE = "credentialType";
  public static final String CREDENTIAL = "credential";
  public static final String SHARED_PARTNER_ID_DECISION = "sharedPartnerIdDecision";

  // inputs of the mail steps
  public static final String MAIL_TEMPLATE = MailStep.TEMPLATE;
  public static final String MAIL_TO_GROUP = MailStep.TO_GROUP;

  private PublisherOnboarding() {}
}
