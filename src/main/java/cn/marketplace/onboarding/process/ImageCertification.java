package cn.marketplace.onboarding.process;

/**
 * The names of process {@value #KEY}: its key, user tasks and variables. Diagram, forms and code use
 * these names; they are part of the product's contract and keep their values.
 */
public final class ImageCertification {

  public static final String KEY = "imageCertification";

  // user tasks
  public static final String REVIEW_IMAGE_SIZE = "reviewImageSize";
  public static final String FIX_SUBMISSION = "fixSubmission";
  public static final String ANSWER_QUESTIONNAIRE = "answerQuestionnaire";

  // start form and API, again when fixing the submission
  public static final String OFFER_ID = "offerId";
  public static final String OFFER_NAME = "offerName";
  public static final String SKU_ID = "skuId";
  public static final String SKU_SUMMARY = "skuSummary";
  public static final String PRICING_MODEL = "pricingModel";
  public static final String TRIAL_DAYS = "trialDays";
  public static final String OS_FAMILY = "osFamily";
  public static final String OS_NAME = "osName";
  public static final String VM_SIZES = "vmSizes";
  public static final String VERSION = "version";
  public static final String OS_VHD_URI = "osVhdUri";
  public static final String DATA_DISK_URIS = "dataDiskUris";
  public static final String VM_HOST = "vmHost";
  public static final String VM_PORT = "vmPort";
  public static final String VM_USER = "vmUser";
  public static final String VM_PASSWORD = "vmPassword";
  public static final String VM_PRIVATE_KEY = "vmPrivateKey";
  public static final String WINDOWS_RESULTS_URI = "windowsResultsUri";
  public static final String GENERATION = "generation";
  public static final String ARCHITECTURE = "architecture";
  /** The forms' choice for Windows, VM access or results file: shows the fields, decides nothing. */
  public static final String WINDOWS_EVIDENCE = "windowsEvidence";

  // set by the product
  public static final String SUBMISSION_ID = "submissionId";
  public static final String SUBMITTED_BY = "submittedBy";
  public static final String PUBLISHER_ID = "publisherId";
  public static final String CHECK_OUTCOME = "checkOutcome";
  public static final String SAS_EXPIRY_REMINDER_AT = "sasExpiryReminderAt";
  public static final String IMAGE_VERSION_ID = "imageVersionId";
  public static final String VHDS_ACCEPTED = "vhdsAccepted";
  public static final String IMAGE_OS_FAMILY = "imageOsFamily";
  /** How a Windows image is certified: {@value #WINDOWS_BY_VM} or {@value #WINDOWS_BY_RESULTS_FILE}. */
  public static final String WINDOWS_CERTIFICATION = "windowsCertification";
  public static final String WINDOWS_BY_VM = "vm";
  public static final String WINDOWS_BY_RESULTS_FILE = "resultsFile";
  public static final String CERTIFICATION_REPORT_ID = "certificationReportId";
  public static final String CERTIFICATION_PASSED = "certificationPassed";
  public static final String CERTIFIED = "certified";
  public static final String FINDINGS_SUMMARY = "findingsSummary";
  public static final String CURRENT_SAS_URIS = "currentSasUris";
  public static final String DISTRIBUTION = "distribution";
  public static final String WARNING_COUNT = "warningCount";
  public static final String WARNINGS_SUMMARY = "warningsSummary";

  // completing the user tasks
  public static final String REVIEW_DECISION = "reviewDecision";
  public static final String REVIEW_COMMENT = "reviewComment";
  public static final String ENDORSED_DISTRIBUTION = "endorsedDistribution";
  public static final String LATEST_UPDATES_INSTALLED = "latestUpdatesInstalled";
  public static final String SECURITY_GUIDANCE_FOLLOWED = "securityGuidanceFollowed";
  public static final String NO_SHARED_CREDENTIALS = "noSharedCredentials";
  public static final String GENERALIZED_LAST_STEP = "generalizedLastStep";
  public static final String SOFTWARE_LICENSED = "softwareLicensed";
  public static final String COLLECTS_CUSTOMER_DATA = "collectsCustomerData";
  public static final String DATA_COLLECTION_DETAILS = "dataCollectionDetails";
  public static final String KERNEL_CUSTOMISATION = "kernelCustomisation";
  public static final String KERNEL_DETAILS = "kernelDetails";
  public static final String EXTRA_KERNEL_MODULES = "extraKernelModules";
  public static final String SSH_ACCESS_NOTES = "sshAccessNotes";
  public static final String ADDITIONAL_NOTES = "additionalNotes";
  public static final String ANSWERS_CONFIRMED = "answersConfirmed";

  private ImageCertification() {}

  /** The questionnaire's text of its warning {@code number} (from 1), set by the product. */
  public static String warning(int number) {
    return "warning" + number;
  }

  /** The publisher's explanation of warning {@code number} (from 1) in the questionnaire. */
  public static String warningExplanation(int number) {
    return "warningExplanation" + number;
  }
}
