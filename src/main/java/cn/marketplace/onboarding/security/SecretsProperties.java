package cn.marketplace.onboarding.security;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code onboarding.secrets.*}: the key that encrypts SAS URIs and VM credentials at rest.
 *
 * @param key 32 random bytes, base64-encoded (e.g. {@code openssl rand -base64 32}); set it from the
 *     environment ({@code ONBOARDING_SECRETS_KEY}), never in a committed file. Every node of a cluster
 *     needs the same key.
 * @param keyFile used only when no key is configured: the key is read from this file, or generated
 *     into it (readable by its owner only) on the first start, so that {@code java -jar} runs with no
 *     set-up on one machine. Empty disables the fallback: start-up then fails without a key.
 */
@ConfigurationProperties("onboarding.secrets")
public record SecretsProperties(String key, @DefaultValue("data/secrets-key") Path keyFile) {}
