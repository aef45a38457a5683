package cn.marketplace.onboarding.engine;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code onboarding.base-url}: where users reach the product, for links in mails. */
@ConfigurationProperties("onboarding")
public record OnboardingProperties(String baseUrl) {}
