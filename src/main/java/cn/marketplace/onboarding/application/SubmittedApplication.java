package cn.marketplace.onboarding.application;

/** The answer to an application: its id and the onboarding instance that handles it. */
public record SubmittedApplication(String id, String processInstanceId, String status) {}
