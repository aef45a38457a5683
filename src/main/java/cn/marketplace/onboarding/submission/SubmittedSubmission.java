package cn.marketplace.onboarding.submission;

/** The answer to {@code POST /api/submissions}. */
public record SubmittedSubmission(String id, String processInstanceId, String status) {}
