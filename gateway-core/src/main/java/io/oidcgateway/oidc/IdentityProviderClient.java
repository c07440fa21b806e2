package io.oidcgateway.oidc;

import java.net.URI;
import java.util.Optional;

/**
 * Everything the gateway asks of the IdP: its metadata (discovery), the token endpoint, and
 * the checks of the tokens it signs (ID tokens, logout tokens, API clients' bearer tokens).
 * Metadata and keys are loaded once and kept; until they are, calls throw
 * {@link DiscoveryException}, retried at most every few seconds.
 */
public interface IdentityProviderClient {

    /** Whether discovery and the key set have loaded. */
    boolean ready();

    ProviderMetadata metadata() throws DiscoveryException;

    /** Redeems an authorization code, authenticating the client (a new assertion, or the secret). */
    TokenResponse redeemCode(String code, String codeVerifier, URI redirectUri)
            throws TokenEndpointException, DiscoveryException;

    /** Refreshes the access token, authenticating the client again. */
    TokenResponse refresh(String refreshToken) throws TokenEndpointException, DiscoveryException;

    /** The ID token of a login: signature, issuer, audience, times and this login's nonce. */
    IdentityClaims validateIdToken(String idToken, String nonce) throws IdTokenException, DiscoveryException;

    /** The ID token of a refresh: as at login, without nonce, and naming the session's user. */
    IdentityClaims validateRefreshedIdToken(String idToken, String sessionSubject)
            throws IdTokenException, DiscoveryException;

    LogoutTokenValidator.Logout validateLogoutToken(String logoutToken) throws IdTokenException, DiscoveryException;

    /**
     * An API client's JWT access token, when bearer tokens are accepted ({@code access.bearer-audiences}).
     *
     * @return empty when the gateway accepts no bearer tokens
     */
    Optional<IdentityClaims> validateBearerToken(String token) throws IdTokenException, DiscoveryException;

    /** Whether {@link #validateBearerToken} can accept anything. */
    boolean acceptsBearerTokens();
}
