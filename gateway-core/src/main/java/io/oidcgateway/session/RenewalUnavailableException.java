package io.oidcgateway.session;

/**
 * A session's access token has expired and the IdP cannot be reached (or answers 5xx) to renew
 * it. The session is kept, up to {@code session.ttl}: the request gets a 503 page, never an
 * expired token, and the first request after the IdP is back refreshes with the same cookie.
 */
public final class RenewalUnavailableException extends RuntimeException {
    public RenewalUnavailableException(String reason) {
        super(reason, null, false, false);
    }
}
