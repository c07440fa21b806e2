package io.oidcgateway.server;

import io.oidcgateway.oidc.DiscoveryException;
import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.oidc.IdentityProviderClient;
import io.oidcgateway.oidc.LogoutTokenValidator;
import io.oidcgateway.oidc.ProviderMetadata;
import io.oidcgateway.oidc.TokenResponse;
import io.oidcgateway.session.RandomTokens;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The identity provider of the warm-up's private gateway, in the process: so that warming up
 * never sends a request to the real one, yet a login runs through the gateway's own login code
 * (redirect, callback, new session). Every login is {@link #USER}'s; codes and tokens are made up
 * and are checked by nothing but the private gateway, which ends with the warm-up.
 */
final class WarmUpIdentityProvider implements IdentityProviderClient {
    /** Named so that the one log line a login writes ("login of ... completed") says what it was. */
    static final IdentityClaims USER = new IdentityClaims("oidc-gateway-warm-up",
            Optional.of("warm-up@example.invalid"), true, Optional.of("Warm Up"), Optional.of("warm-up"),
            List.of("warm-up"), Optional.empty());
    /** Nothing listens there: the browser that would follow the redirect is the warm-up, which does not. */
    private static final URI NOWHERE = URI.create("http://127.0.0.1:9");

    private final RandomTokens random = new RandomTokens(new SecureRandom());

    private static DiscoveryException none() {
        return new DiscoveryException("the warm-up's identity provider only signs in; it refreshes and checks nothing");
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public ProviderMetadata metadata() {
        return new ProviderMetadata(NOWHERE.toString(), NOWHERE.resolve("/authorize"), NOWHERE.resolve("/token"),
                NOWHERE.resolve("/jwks"), Optional.empty(), List.of("client_secret_post"));
    }

    @Override
    public TokenResponse redeemCode(String code, String codeVerifier, URI redirectUri) {
        // Of the size Entra ID issues (about 1.6 KB access, 1.2 KB ID token), so that packing them and the
        // headers made from them run as after a real login.
        return new TokenResponse(token(1600), Optional.of(token(1200)), Optional.empty(),
                Duration.ofHours(1));
    }

    /** A made-up token of {@code length} characters, of the ones access tokens are made of. */
    private String token(int length) {
        StringBuilder token = new StringBuilder(length + 43);
        while (token.length() < length) {
            token.append(random.next());
        }
        return token.substring(0, length);
    }

    @Override
    public TokenResponse refresh(String refreshToken) throws DiscoveryException {
        throw none();
    }

    @Override
    public IdentityClaims validateIdToken(String idToken, String nonce) {
        return USER;
    }

    @Override
    public IdentityClaims validateRefreshedIdToken(String idToken, String sessionSubject) throws DiscoveryException {
        throw none();
    }

    @Override
    public LogoutTokenValidator.Logout validateLogoutToken(String logoutToken) throws DiscoveryException {
        throw none();
    }

    @Override
    public Optional<IdentityClaims> validateBearerToken(String token) {
        return Optional.empty();
    }

    @Override
    public boolean acceptsBearerTokens() {
        return false;
    }
}
