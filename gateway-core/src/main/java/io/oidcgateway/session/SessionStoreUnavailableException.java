package io.oidcgateway.session;

/**
 * The session store cannot be reached (Redis down, failing over). Requests get a 503 page and
 * keep their cookie: nothing is lost, and the same cookie works again once the store is back.
 */
public final class SessionStoreUnavailableException extends RuntimeException {
    public SessionStoreUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
