package io.oidcgateway.demo;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Switches and observations that only tests use: what the demo IdP received, and ways to
 * make it misbehave (an outage, hostile ID tokens, key rotation, revoked grants). Kept apart
 * from the IdP's own API so that nothing in the demo's normal use depends on them.
 */
public final class DemoTestHooks {
    private final DemoState state;
    private final DemoLogoutEndpoint logout;

    DemoTestHooks(DemoState state, DemoLogoutEndpoint logout) {
        this.state = state;
        this.logout = logout;
    }

    /** The client assertions the token endpoint received, newest last. */
    public List<String> receivedAssertions() {
        return Collections.unmodifiableList(state.receivedAssertions);
    }

    /** How many refresh-token grants the token endpoint has answered (successfully or not). */
    public int refreshGrants() {
        return state.refreshGrants.get();
    }

    /** How many authorization-code grants (logins) the token endpoint has answered (successfully or not). */
    public int codeGrants() {
        return state.codeGrants.get();
    }

    /** How often the discovery document was asked for: a client that caches it asks once. */
    public int discoveryRequests() {
        return state.discoveryRequests.get();
    }

    /** How often the key set was asked for. */
    public int jwksRequests() {
        return state.jwksRequests.get();
    }

    /** The parameters of the last authorization request, so tests see what the gateway asked for. */
    public Map<String, String> lastAuthorizationRequest() {
        return state.lastAuthorizationRequest;
    }

    /** Every refresh token issued, so tests can look for them where they must not be (logs). */
    public List<String> issuedRefreshTokens() {
        return Collections.unmodifiableList(state.issuedRefreshTokens);
    }

    /** From now on, issues ID tokens forged this way (empty: honest tokens again). */
    public void forgeIdTokens(Optional<IdTokenForgery> forgery) {
        state.idTokenForgery = forgery;
    }

    /** Makes discovery name another issuer than the one the IdP really is. */
    public void announceIssuer(String issuer) {
        state.announcedIssuer = Optional.of(issuer);
    }

    /** Leaves end_session_endpoint out of discovery, as IdPs without RP-initiated logout do. */
    public void withoutEndSession() {
        state.endSession = false;
    }

    /** Signs with a new key under a new kid from now on; the key set publishes only the new key. */
    public void rotateSigningKey() {
        state.rotateSigningKey();
    }

    /** Makes the token endpoint answer 503, as during an IdP outage, until switched back. */
    public void tokenEndpointDown(boolean down) {
        state.tokenEndpointDown = down;
    }

    /** Revokes every refresh token, as an administrator revoking a user's sessions would. */
    public void revokeRefreshTokens() {
        state.refreshTokens.invalidateAll();
    }

    /** Ends the user's sessions at the IdP, telling every client by back-channel logout. */
    public void endSessionsOf(String username) throws Exception {
        logout.endSessionsOf(username);
    }
}
