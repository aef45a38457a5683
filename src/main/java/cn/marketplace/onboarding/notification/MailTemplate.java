package cn.marketplace.onboarding.notification;

/** A rendered mail: subject and plain-text body. */
public record MailTemplate(String subject, String body) {}
