package io.oidcgateway.session;

import java.util.Optional;

/**
 * Whether a session still lives, for what outlives a request (a proxied WebSocket): not
 * signed out, not logged out by the IdP, not expired, and renewable. A session due for a
 * refresh is refreshed here, so one that the IdP refuses to renew ends even while its only
 * use is an open socket; an IdP that cannot be reached is not an ending.
 */
public final class SessionLiveness {
    private final SessionRepository sessions;
    private final SessionRefresher refresher;

    public SessionLiveness(SessionRepository sessions, SessionRefresher refresher) {
        this.sessions = sessions;
        this.refresher = refresher;
    }

    /** @throws SessionStoreUnavailableException when the store cannot say now (ask again later) */
    public boolean lives(String sessionId) {
        Optional<Session> stored = sessions.get(sessionId);
        if (stored.isEmpty()) {
            return false;
        }
        try {
            return refresher.fresh(stored.get()).isPresent();
        } catch (RenewalUnavailableException e) {
            return true;
        }
    }
}
