package io.oidcgateway.demo;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.oidcgateway.session.RandomTokens;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.lang.JoseException;

/**
 * What the demo IdP's endpoints share: registered clients, users, codes, refresh tokens, its
 * own sessions and signing key, and what the test hooks switch. One instance per IdP.
 */
final class DemoState {
    /** A code waiting to be redeemed. */
    record IssuedCode(String clientId, String redirectUri, DemoUser user, String nonce, String challenge,
            String scope, String sid) {
    }

    /** What a refresh token stands for. */
    record Grant(String clientId, DemoUser user, String scope, String sid) {
    }

    /** A browser signed in at the IdP; {@code sid} is what tokens carry, never the cookie value. */
    record IdpSession(DemoUser user, String sid) {
    }

    final Clock clock;
    final DemoIdpSettings settings;
    final RandomTokens random = new RandomTokens(new SecureRandom());
    final ClientAssertionRules assertionRules;
    final Map<String, RegisteredClient> clients = new ConcurrentHashMap<>();
    final Map<String, DemoUser> users = new ConcurrentHashMap<>();
    final Cache<String, IssuedCode> codes;
    final Cache<String, Boolean> redeemedCodes;
    final Cache<String, Grant> refreshTokens;
    final Cache<String, IdpSession> idpSessions;

    // What tests observe and switch, through DemoTestHooks.
    final List<String> receivedAssertions = new CopyOnWriteArrayList<>();
    final List<String> issuedRefreshTokens = new CopyOnWriteArrayList<>();
    final AtomicInteger refreshGrants = new AtomicInteger();
    final AtomicInteger codeGrants = new AtomicInteger();
    final AtomicInteger discoveryRequests = new AtomicInteger();
    final AtomicInteger jwksRequests = new AtomicInteger();
    volatile Map<String, String> lastAuthorizationRequest = Map.of();
    volatile boolean tokenEndpointDown;
    volatile Optional<IdTokenForgery> idTokenForgery = Optional.empty();
    volatile Optional<String> announcedIssuer = Optional.empty();
    volatile boolean endSession = true;

    private volatile RsaJsonWebKey signingKey;
    private volatile String issuer;

    DemoState(Clock clock, DemoIdpSettings settings) {
        this.clock = clock;
        this.settings = settings;
        this.assertionRules = new ClientAssertionRules(clock, settings.rejectReusedJti());
        DemoUser.DEFAULTS.forEach(u -> users.put(u.username(), u));
        this.signingKey = newSigningKey();
        this.codes = cache(Duration.ofMinutes(2));
        this.redeemedCodes = cache(Duration.ofMinutes(10));
        this.refreshTokens = cache(settings.refreshTokenLifetime());
        this.idpSessions = cache(Duration.ofHours(8));
    }

    private <V> Cache<String, V> cache(Duration lifetime) {
        return Caffeine.newBuilder().expireAfterWrite(lifetime)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).maximumSize(100_000).build();
    }

    private RsaJsonWebKey newSigningKey() {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId("demo-" + random.next().substring(0, 8));
            key.setUse("sig");
            key.setAlgorithm("RS256");
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException("cannot create the demo IdP's signing key", e);
        }
    }

    /** Signs with a new key under a new kid from now on; the key set publishes only the new key. */
    void rotateSigningKey() {
        signingKey = newSigningKey();
    }

    RsaJsonWebKey signingKey() {
        return signingKey;
    }

    void issuer(String value) {
        issuer = value;
    }

    String issuer() {
        return issuer;
    }

    /** Signs the tokens of one site (the root issuer, or an Entra-shaped tenant) with the current key. */
    DemoTokenIssuer tokens(String siteIssuer) {
        return new DemoTokenIssuer(siteIssuer, signingKey, clock);
    }

    /** The user as the IdP knows them now, so a refresh reflects changed groups. */
    DemoUser current(DemoUser user) {
        return users.getOrDefault(user.username(), user);
    }
}
