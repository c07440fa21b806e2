package io.oidcgateway.oidc;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jose4j.jwk.HttpsJwks;

/**
 * The IdP as the gateway sees it: discovery and the ID-token validator, loaded once and kept.
 * Until they load the gateway is not ready; failed attempts are retried at most every
 * {@link #RETRY_INTERVAL}, so an IdP outage does not become one fetch per request.
 */
public final class OidcProvider {
    public static final Duration RETRY_INTERVAL = Duration.ofSeconds(5);

    /** What discovery yields: the metadata and a validator bound to its issuer and key set. */
    public record Loaded(ProviderMetadata metadata, IdTokenValidator idTokens) {
    }

    private final URI configuredIssuer;
    private final String clientId;
    private final OidcHttp http;
    private final Clock clock;
    private volatile Loaded loaded;
    private Instant lastAttempt = Instant.EPOCH;
    private DiscoveryException lastFailure = new DiscoveryException("discovery has not run yet");

    public OidcProvider(URI configuredIssuer, String clientId, OidcHttp http, Clock clock) {
        this.configuredIssuer = configuredIssuer;
        this.clientId = clientId;
        this.http = http;
        this.clock = clock;
    }

    public URI discoveryUrl() {
        return URI.create(configuredIssuer + "/.well-known/openid-configuration");
    }

    public boolean ready() {
        try {
            get();
            return true;
        } catch (DiscoveryException e) {
            return false;
        }
    }

    /** @throws DiscoveryException with the reason the IdP cannot be used right now */
    public Loaded get() throws DiscoveryException {
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
        URI url = discoveryUrl();
        HttpResponse<String> response;
        try {
            response = http.get(url);
        } catch (IOException e) {
            throw new DiscoveryException("cannot reach " + url + " (" + e.getClass().getSimpleName() + ")");
        }
        if (response.statusCode() != 200) {
            throw new DiscoveryException(url + " answered HTTP " + response.statusCode()
                    + "; check oidc.issuer (discovery is at {issuer}/.well-known/openid-configuration)");
        }
        ProviderMetadata metadata = ProviderMetadata.parse(response.body());
        if (metadata.issuer().contains("{tenantid}")) {
            throw new DiscoveryException("the issuer " + metadata.issuer() + " is Entra ID's multi-tenant template;"
                    + " set oidc.issuer to https://login.microsoftonline.com/<tenant-id>/v2.0");
        }
        if (!stripSlash(metadata.issuer()).equals(stripSlash(configuredIssuer.toString()))) {
            throw new DiscoveryException("discovery names the issuer " + metadata.issuer() + " but oidc.issuer is "
                    + configuredIssuer + "; they must be the same (OIDC Discovery section 4.3)");
        }
        RefreshingJwksKeyResolver keys = new RefreshingJwksKeyResolver(
                new HttpsJwks(metadata.jwksUri().toString()), clock, RefreshingJwksKeyResolver.DEFAULT_MIN_REFRESH_INTERVAL);
        keys.load();
        return new Loaded(metadata, new IdTokenValidator(metadata.issuer(), clientId, keys));
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
