package cn.marketplace.onboarding.submission;

/** No submission with that id that the caller may see: the same answer for both, to reveal nothing. */
public class SubmissionNotFoundException extends RuntimeException {

  SubmissionNotFoundException(String submissionId) {
    super("no submission " + submissionId + " visible to the caller");
  }
}
