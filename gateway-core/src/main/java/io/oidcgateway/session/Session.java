package io.oidcgateway.session;

import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.oidc.TokenResponse;
import java.time.Instant;
import java.util.Optional;

/**
 * A signed-in browser. Immutable: a refresh replaces the whole value in the store.
 * {@code toString} shows no token.
 *
 * @param version 0 at login, one more at each refresh: what "unchanged since read" compares
 * @param tokens the access, refresh and ID tokens, packed to take less memory
 */
public record Session(
        String id,
        long version,
        IdentityClaims identity,
        SessionTokens tokens,
        Instant accessTokenExpiresAt,
        Instant createdAt,
        Instant expiresAt) {

    public Session(String id, long version, IdentityClaims identity, String accessToken, Instant accessTokenExpiresAt,
            Optional<String> refreshToken, Optional<String> idToken, Instant createdAt, Instant expiresAt) {
        this(id, version, identity, SessionTokens.of(accessToken, refreshToken, idToken), accessTokenExpiresAt,
                createdAt, expiresAt);
    }

    public String accessToken() {
        return tokens.accessToken();
    }

    public Optional<String> refreshToken() {
        return tokens.refreshToken();
    }

    public Optional<String> idToken() {
        return tokens.idToken();
    }

    public boolean accessTokenValid(Instant now) {
        return now.isBefore(accessTokenExpiresAt);
    }

    /**
     * The same session with the tokens of a refresh; a token the IdP did not rotate is kept.
     *
     * @param renewed the identity read from the refresh's validated ID token, when it sent one
     */
    public Session refreshed(TokenResponse response, Optional<IdentityClaims> renewed, Instant now) {
        return new Session(id, version + 1, renewed.orElse(identity), response.accessToken(),
                now.plus(response.expiresIn()), response.refreshToken().or(this::refreshToken),
                response.idToken().or(this::idToken), createdAt, expiresAt);
    }

    @Override
    public String toString() {
        return "Session[subject=" + identity.subject() + ", version=" + version + ", createdAt=" + createdAt
                + ", expiresAt=" + expiresAt
                + ", accessTokenExpiresAt=" + accessTokenExpiresAt + "]";
    }
}
