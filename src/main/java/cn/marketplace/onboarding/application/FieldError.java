package cn.marketplace.onboarding.application;

import cn.marketplace.onboarding.rules.RuleId;

/** One bad field of an application: which field, which rule, and the message key that explains it. */
public record FieldError(String field, RuleId ruleId, String messageKey, Object... args) {}
