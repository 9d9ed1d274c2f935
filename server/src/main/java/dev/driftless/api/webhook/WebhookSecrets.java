package dev.driftless.api.webhook;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The shared secret configured per provider. A provider without a secret has its deliveries accepted unchecked,
 * as Argo CD does; see the package documentation for what each provider's secret means.
 */
public record WebhookSecrets(Map<GitProvider, String> secrets) {

    public WebhookSecrets {
        EnumMap<GitProvider, String> copy = new EnumMap<>(GitProvider.class);
        secrets.forEach((provider, secret) -> {
            if (secret == null || secret.isEmpty()) {
                throw new IllegalArgumentException("webhook secret for " + provider.displayName() + " is empty");
            }
            copy.put(provider, secret);
        });
        secrets = Map.copyOf(copy);
    }

    /** No secrets: every delivery is accepted unchecked. */
    public static WebhookSecrets none() {
        return new WebhookSecrets(Map.of());
    }

    /** This set with {@code secret} configured for {@code provider}. */
    public WebhookSecrets with(GitProvider provider, String secret) {
        EnumMap<GitProvider, String> copy = new EnumMap<>(GitProvider.class);
        copy.putAll(secrets);
        copy.put(provider, secret);
        return new WebhookSecrets(copy);
    }

    public Optional<String> forProvider(GitProvider provider) {
        return Optional.ofNullable(secrets.get(provider));
    }

    /** Names the providers that have a secret, never the secrets. */
    @Override
    public String toString() {
        return "WebhookSecrets" + secrets.keySet();
    }
}
