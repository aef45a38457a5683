package cn.marketplace.onboarding.audit;

import java.time.Instant;

/** What to list: each criterion optional; {@code from} inclusive, {@code to} exclusive; at most {@code maxResults}. */
public record AuditFilter(String processInstanceId, String userId, Instant from, Instant to, int maxResults) {}
