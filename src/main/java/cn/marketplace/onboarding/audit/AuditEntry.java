package cn.marketplace.onboarding.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One thing that was decided or done: when, by whom ({@value AuditTrail#SYSTEM} for the product
 * itself), what, in which process instance and task, the decision taken (e.g. {@code reviewDecision=approve})
 * and ids or counts that say more. Never content: no comments, no ISV data, no secrets.
 */
public record AuditEntry(Instant at, String actor, String action, String process, String processInstanceId,
    String task, String decision, Map<String, String> details) {}
