package io.oidcgateway.filter;

import io.oidcgateway.session.Session;
import io.oidcgateway.session.SessionRefresher;
import io.oidcgateway.session.SessionRepository;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/** The session a request's cookie names. */
final class CurrentSession {
    private final GatewayCookies cookies;
    private final SessionRepository sessions;
    private final SessionRefresher refresher;

    CurrentSession(GatewayCookies cookies, SessionRepository sessions, SessionRefresher refresher) {
        this.cookies = cookies;
        this.sessions = sessions;
        this.refresher = refresher;
    }

    /** As stored, never refreshed: ending a session must not first call the token endpoint. */
    Optional<Session> stored(HttpServletRequest request) {
        return cookies.sessionId(request).flatMap(sessions::get);
    }

    /** Refreshed when its access token is about to expire; empty once it has ended. */
    Optional<Session> fresh(HttpServletRequest request) {
        return stored(request).flatMap(refresher::fresh);
    }
}
