package cn.marketplace.onboarding.notification;

/** The input parameters a diagram gives its mail steps ({@code ${sendMail}}). */
public final class MailStep {

  /** The mail template to send. */
  public static final String TEMPLATE = "template";
  /** The group whose members receive the mail instead of the instance's contact. */
  public static final String TO_GROUP = "toGroup";

  private MailStep() {}
}
