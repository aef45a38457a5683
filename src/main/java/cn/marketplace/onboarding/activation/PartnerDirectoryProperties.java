package cn.marketplace.onboarding.activation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * {@code onboarding.partner-directory.*}: CSV files {@code id,organisationName} of valid Microsoft
 * partner IDs ({@code file}) and of paying Azure customers ({@code customer-file}).
 */
@ConfigurationProperties("onboarding.partner-directory")
public record PartnerDirectoryProperties(Resource file, Resource customerFile) {}
