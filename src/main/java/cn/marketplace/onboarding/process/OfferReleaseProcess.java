package cn.marketplace.onboarding.process;

import cn.marketplace.onboarding.notification.MailStep;

/**
 * The names of process {@value #KEY}: its key, user tasks, messages and variables. Diagram, forms and
 * code use these names; they are part of the product's contract and keep their values. ({@link OfferRelease}
 * is the release's record.)
 */
public final class OfferReleaseProcess {

  public static final String KEY = "offerRelease";

  // user tasks
  public static final String REVIEW_SUBMISSION = "reviewSubmission";
  public static final String FIX_RELEASE = "fixRelease";
  public static final String VERIFY_STAGING = "verifyStaging";
  public static final String SCHEDULE_RELEASE = "scheduleRelease";

  // messages
  public static final String RELEASE_TIME_CHANGE_REQUESTED = "ReleaseTimeChangeRequested";
  public static final String RELEASE_WITHDRAWN = "ReleaseWithdrawn";

  // start form and API, again when fixing the release
  public static final String OFFER_ID = "offerId";
  public static final String TITLE_ZH = "titleZh";
  public static final String TITLE_EN = "titleEn";
  public static final String SUMMARY_ZH = "summaryZh";
  public static final String SUMMARY_EN = "summaryEn";
  public static final String DESCRIPTION_ZH = "descriptionZh";
  public static final String DESCRIPTION_EN = "descriptionEn";
  public static final String TRIAL_DAYS = "trialDays";

  // set by the product
  public static final String RELEASE_ID = "releaseId";
  public static final String PUBLISHER_ID = "publisherId";
  public static final String STARTED_BY = "startedBy";
  public static final String OFFER_NAME = "offerName";
  public static final String COMPANY_NAME = "companyName";
  public static final String CONTACT_EMAIL = "contactEmail";
  public static final String LANGUAGE = "language";
  public static final String SKU_OVERVIEW = "skuOverview";
  public static final String LAST_REVIEW_COMMENT = "lastReviewComment";
  public static final String STAGING_URL = "stagingUrl";
  public static final String REQUESTED_WINDOW = "requestedWindow";
  public static final String RELEASE_AT_TEXT = "releaseAtText";
  public static final String RELEASE_TIME = "releaseTime";
  public static final String RELEASED_BY = "releasedBy";
  public static final String RELEASED_AT_TEXT = "releasedAtText";
  public static final String RELEASE_STATUS = "releaseStatus";

  // completing the user tasks
  public static final String REVIEW_DECISION = "reviewDecision";
  public static final String REVIEW_COMMENT = "reviewComment";
  public static final String FIX_DECISION = "fixDecision";
  public static final String STAGING_DECISION = "stagingDecision";
  public static final String PREFERRED_WINDOW = "preferredWindow";
  public static final String RELEASE_AT = "releaseAt";

  // inputs of the mail steps
  public static final String MAIL_TEMPLATE = MailStep.TEMPLATE;
  public static final String MAIL_TO_GROUP = MailStep.TO_GROUP;

  private OfferReleaseProcess() {}
}
