package cn.marketplace.onboarding.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code onboarding.mail.*}: the sender of every mail. */
@ConfigurationProperties("onboarding.mail")
public record MailProperties(String from) {}
