package io.oidcgateway.testing;

import io.oidcgateway.oidc.DiscoveryException;
import io.oidcgateway.oidc.IdTokenException;
import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.oidc.IdentityProviderClient;
import io.oidcgateway.oidc.LogoutTokenValidator;
import io.oidcgateway.oidc.ProviderMetadata;
import io.oidcgateway.oidc.TokenEndpointException;
import io.oidcgateway.oidc.TokenResponse;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An IdP a unit test controls by hand: which code redeems to which identity, what a refresh
 * answers, and when a refresh returns (a latch the test releases), so concurrency is tested
 * without sleeping. Tokens are plain strings it hands out and recognises.
 */
public final class FakeIdentityProvider implements IdentityProviderClient {
    public static final ProviderMetadata METADATA = new ProviderMetadata("https://idp.test",
            URI.create("https://idp.test/authorize"), URI.create("https://idp.test/token"),
            URI.create("https://idp.test/jwks"), Optional.of(URI.create("https://idp.test/logout")),
            List.of("private_key_jwt"));

    /** What the next refreshes answer. */
    public interface RefreshAnswer {
        TokenResponse answer(String refreshToken) throws TokenEndpointException, DiscoveryException;
    }

    private final Map<String, IdentityClaims> codes = new ConcurrentHashMap<>();
    private final Map<String, IdentityClaims> idTokens = new ConcurrentHashMap<>();
    private final Map<String, LogoutTokenValidator.Logout> logoutTokens = new ConcurrentHashMap<>();
    private final Map<String, IdentityClaims> bearerTokens = new ConcurrentHashMap<>();
    private volatile boolean acceptsBearerTokens;
    private final AtomicInteger refreshCalls = new AtomicInteger();
    private final AtomicInteger tokenCalls = new AtomicInteger();
    private volatile boolean ready = true;
    private volatile CountDownLatch refreshGate = new CountDownLatch(0);
    private volatile RefreshAnswer refreshAnswer = rt -> tokens("refreshed-at", Optional.empty(), "refreshed-rt");

    /** A code that redeems to an ID token for this user, with nonce checks left to the test. */
    public void issueCode(String code, IdentityClaims user) {
        codes.put(code, user);
    }

    public void refreshAnswers(RefreshAnswer answer) {
        this.refreshAnswer = answer;
    }

    /** Refreshes wait until the returned latch is counted down. */
    public CountDownLatch holdRefreshes() {
        CountDownLatch gate = new CountDownLatch(1);
        refreshGate = gate;
        return gate;
    }

    /** An ID token string this IdP will validate as naming {@code user}. */
    public String idTokenFor(IdentityClaims user) {
        String token = "id-token-" + user.subject() + "-" + idTokens.size();
        idTokens.put(token, user);
        return token;
    }

    /** A logout token this IdP will validate as ending these sessions. */
    public void issueLogoutToken(String token, LogoutTokenValidator.Logout logout) {
        logoutTokens.put(token, logout);
    }

    /** API clients may bring this token, which validates as {@code user}. */
    public void issueBearerToken(String token, IdentityClaims user) {
        acceptsBearerTokens = true;
        bearerTokens.put(token, user);
    }

    public void down() {
        ready = false;
    }

    public int refreshCalls() {
        return refreshCalls.get();
    }

    /** Every call to the token endpoint, code redemptions and refreshes. */
    public int tokenCalls() {
        return tokenCalls.get();
    }

    public static TokenResponse tokens(String accessToken, Optional<String> idToken, String refreshToken) {
        return new TokenResponse(accessToken, idToken, Optional.of(refreshToken), Duration.ofHours(1));
    }

    private void requireUp() throws DiscoveryException {
        if (!ready) {
            throw new DiscoveryException("the fake IdP is down");
        }
    }

    @Override
    public boolean ready() {
        return ready;
    }

    @Override
    public ProviderMetadata metadata() throws DiscoveryException {
        requireUp();
        return METADATA;
    }

    @Override
    public TokenResponse redeemCode(String code, String codeVerifier, URI redirectUri)
            throws TokenEndpointException, DiscoveryException {
        requireUp();
        tokenCalls.incrementAndGet();
        IdentityClaims user = codes.remove(code);
        if (user == null) {
            throw new TokenEndpointException(400, "invalid_grant", "AADSTS70008: unknown code", List.of("70008"));
        }
        return tokens("at-" + user.subject(), Optional.of(idTokenFor(user)), "rt-" + user.subject());
    }

    @Override
    public TokenResponse refresh(String refreshToken) throws TokenEndpointException, DiscoveryException {
        requireUp();
        tokenCalls.incrementAndGet();
        refreshCalls.incrementAndGet();
        try {
            if (!refreshGate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the refresh");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return refreshAnswer.answer(refreshToken);
    }

    @Override
    public IdentityClaims validateIdToken(String idToken, String nonce) throws IdTokenException, DiscoveryException {
        requireUp();
        IdentityClaims user = idTokens.get(idToken);
        if (user == null) {
            throw new IdTokenException("the ID token was refused: unknown to the fake IdP");
        }
        return user;
    }

    @Override
    public IdentityClaims validateRefreshedIdToken(String idToken, String sessionSubject)
            throws IdTokenException, DiscoveryException {
        IdentityClaims user = validateIdToken(idToken, "");
        if (!user.subject().equals(sessionSubject)) {
            throw new IdTokenException("the refreshed ID token names another user (sub) than the session's");
        }
        return user;
    }

    @Override
    public LogoutTokenValidator.Logout validateLogoutToken(String logoutToken)
            throws IdTokenException, DiscoveryException {
        requireUp();
        LogoutTokenValidator.Logout logout = logoutTokens.get(logoutToken);
        if (logout == null) {
            throw new IdTokenException("the logout token was refused: unknown to the fake IdP");
        }
        return logout;
    }

    @Override
    public Optional<IdentityClaims> validateBearerToken(String token) throws IdTokenException {
        if (!acceptsBearerTokens) {
            return Optional.empty();
        }
        IdentityClaims user = bearerTokens.get(token);
        if (user == null) {
            throw new IdTokenException("the bearer token was refused: unknown to the fake IdP");
        }
        return Optional.of(user);
    }

    @Override
    public boolean acceptsBearerTokens() {
        return acceptsBearerTokens;
    }
}
