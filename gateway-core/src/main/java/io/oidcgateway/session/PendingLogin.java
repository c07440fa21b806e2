package io.oidcgateway.session;

/**
 * A login between the redirect to the IdP and the callback.
 *
 * @param browserBinding the value of the login cookie of the browser that started it
 * @param returnTo the local path to go back to afterwards
 */
public record PendingLogin(String state, String nonce, String codeVerifier, String returnTo, String browserBinding) {
    @Override
    public String toString() {
        return "PendingLogin[returnTo=" + returnTo + "]";
    }
}
