package io.oidcgateway.oidc;

import io.oidcgateway.config.AccessConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jose4j.jwk.HttpsJwks;

/**
 * The IdP's metadata and the token validators bound to its issuer and key set, loaded once
 * and kept. Until they load the gateway is not ready; failed attempts are retried at most
 * every {@link #RETRY_INTERVAL}, so an IdP outage does not become one fetch per request.
 */
final class OidcProvider {
    static final Duration RETRY_INTERVAL = Duration.ofSeconds(5);

    /** What discovery yields: the metadata and the validators bound to its issuer and key set. */
    record Loaded(ProviderMetadata metadata, IdTokenValidator idTokens, LogoutTokenValidator logoutTokens,
            Optional<BearerTokenValidator> bearerTokens) {
    }

    private final URI configuredIssuer;
    private final String clientId;
    private final AccessConfig access;
    private final OidcHttp http;
    private final Clock clock;
    private volatile Loaded loaded;
    private Instant lastAttempt = Instant.EPOCH;
    private DiscoveryException lastFailure = new DiscoveryException("discovery has not run yet");

    /** @param access which claim holds groups, and the audiences API clients' bearer tokens may have */
    OidcProvider(URI configuredIssuer, String clientId, AccessConfig access, OidcHttp http, Clock clock) {
        this.configuredIssuer = configuredIssuer;
        this.clientId = clientId;
        this.access = access;
        this.http = http;
        this.clock = clock;
    }

    /** @throws DiscoveryException with the reason the IdP cannot be used right now */
    Loaded get() throws DiscoveryException {
        Loaded current = loaded;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (loaded != null) {
                return loaded;
            }
            Instant now = clock.instant();
            if (Duration.between(lastAttempt, now).compareTo(RETRY_INTERVAL) < 0) {
                throw lastFailure;
            }
            lastAttempt = now;
            try {
                loaded = load();
                return loaded;
            } catch (DiscoveryException e) {
                lastFailure = e;
                throw e;
            }
        }
    }

    private Loaded load() throws DiscoveryException {
        ProviderMetadata metadata = new DiscoveryClient(http).fetch(configuredIssuer);
        RefreshingJwksKeyResolver keys = RefreshingJwksKeyResolver.of(metadata.jwksUri(), http, clock);
        keys.load();
        IdentityMapping identities = new IdentityMapping(access.groupsClaim(), access.allowUnverifiedEmail());
        Optional<BearerTokenValidator> bearer = access.bearerAudiences().isEmpty() ? Optional.empty()
                : Optional.of(new BearerTokenValidator(metadata.issuer(), access.bearerAudiences(), keys, identities,
                        clock));
        return new Loaded(metadata, new IdTokenValidator(metadata.issuer(), clientId, keys, identities, clock),
                new LogoutTokenValidator(metadata.issuer(), clientId, keys, clock), bearer);
    }
}
