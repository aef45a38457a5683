package cn.marketplace.onboarding.offer;

/** The answer to {@code POST /api/submissions}. */
public record SubmittedSubmission(String id, String processInstanceId, String status) {}
