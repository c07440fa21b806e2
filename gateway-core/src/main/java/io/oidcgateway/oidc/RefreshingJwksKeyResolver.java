package io.oidcgateway.oidc;

import java.io.IOException;
import java.net.URI;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Finds the IdP key that signed a token. An unknown {@code kid} triggers one refetch of the
 * key set (the IdP rotated its keys), but no more often than {@code minRefreshInterval}, so a
 * flood of tokens with made-up key ids cannot turn the gateway against the IdP.
 */
public final class RefreshingJwksKeyResolver implements VerificationKeyResolver {
    public static final Duration DEFAULT_MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);

    private final HttpsJwks jwks;
    private final Clock clock;
    private final Duration minRefreshInterval;
    private final VerificationJwkSelector selector = new VerificationJwkSelector();
    private Instant lastRefresh = Instant.EPOCH;

    /** The IdP's key set at {@code jwksUri}, fetched with the gateway's one HTTP client for the IdP. */
    public static RefreshingJwksKeyResolver of(URI jwksUri, OidcHttp http, Clock clock) {
        HttpsJwks jwks = new HttpsJwks(jwksUri.toString());
        jwks.setSimpleHttpGet(http.asJoseGetter());
        return new RefreshingJwksKeyResolver(jwks, clock, DEFAULT_MIN_REFRESH_INTERVAL);
    }

    public RefreshingJwksKeyResolver(HttpsJwks jwks, Clock clock, Duration minRefreshInterval) {
        this.jwks = jwks;
        this.clock = clock;
        this.minRefreshInterval = minRefreshInterval;
        // This class decides when to refetch; jose4j's own short reprieve would swallow the one refetch allowed.
        jwks.setRefreshReprieveThreshold(0);
    }

    /**
     * Loads the key set now, so readiness can report a broken JWKS URL before the first login.
     *
     * @return how many keys the IdP publishes
     */
    public int load() throws DiscoveryException {
        try {
            int count = jwks.getJsonWebKeys().size();
            if (count == 0) {
                throw new DiscoveryException("the IdP's key set at " + jwks.getLocation() + " is empty");
            }
            return count;
        } catch (JoseException | IOException e) {
            throw new DiscoveryException("cannot load the IdP's key set from " + jwks.getLocation()
                    + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public Key resolveKey(JsonWebSignature jws, List<JsonWebStructure> nestingContext) throws UnresolvableKeyException {
        JsonWebKey key;
        try {
            key = select(jws, jwks.getJsonWebKeys());
            if (key == null && mayRefresh()) {
                jwks.refresh();
                key = select(jws, jwks.getJsonWebKeys());
            }
        } catch (JoseException | IOException e) {
            throw new UnresolvableKeyException("cannot load the IdP's key set from " + jwks.getLocation()
                    + " (" + e.getClass().getSimpleName() + ")", e);
        }
        if (key == null) {
            throw new UnresolvableKeyException("no key in the IdP's key set matches kid "
                    + jws.getKeyIdHeaderValue() + " and alg " + jws.getAlgorithmHeaderValue());
        }
        return key.getKey();
    }

    private JsonWebKey select(JsonWebSignature jws, List<JsonWebKey> keys) throws JoseException {
        // Without a kid several keys may fit; the selector then tries each against the signature.
        return selector.selectWithVerifySignatureDisambiguate(jws, keys);
    }

    private synchronized boolean mayRefresh() {
        Instant now = clock.instant();
        if (Duration.between(lastRefresh, now).compareTo(minRefreshInterval) < 0) {
            return false;
        }
        lastRefresh = now;
        return true;
    }
}
