package cn.marketplace.onboarding.submission;

import cn.marketplace.onboarding.engine.Refusal;
import java.util.Locale;

/** No submission with that id that the caller may see: the same answer for both, to reveal nothing. */
public class SubmissionNotFoundException extends Refusal {

  SubmissionNotFoundException(String submissionId) {
    super("submissionId", Kind.NOT_FOUND, "submission-not-found", "Submission not found",
        "no submission " + submissionId + " visible to the caller");
  }

  @Override
  public String detail(Locale locale) {
    return "No submission with this id is visible to you.";
  }
}
