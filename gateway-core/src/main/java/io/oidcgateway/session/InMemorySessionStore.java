package io.oidcgateway.session;

import io.oidcgateway.config.SessionConfig;
import java.time.Clock;

/** Sessions and pending logins in this process's memory (Caffeine); one process needs no lease. */
public final class InMemorySessionStore implements SessionStore {
    private final SessionRepository sessions;
    private final PendingLoginRepository pendingLogins;

    public InMemorySessionStore(SessionConfig config, Clock clock) {
        this.sessions = new InMemorySessionRepository(config, clock);
        this.pendingLogins = new InMemoryPendingLoginRepository(config, clock);
    }

    @Override
    public SessionRepository sessions() {
        return sessions;
    }

    @Override
    public PendingLoginRepository pendingLogins() {
        return pendingLogins;
    }

    @Override
    public RefreshLock refreshLock() {
        return RefreshLock.inProcess();
    }

    @Override
    public void close() {
        // nothing to release
    }
}
