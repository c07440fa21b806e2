package io.oidcgateway.session;

/**
 * Where sessions, pending logins and refresh leases live together ({@code session.store}):
 * this process's memory, or Redis shared by several instances. Chosen once, by
 * {@link SessionStores#open}; nothing else in the gateway knows which it is.
 */
public interface SessionStore extends AutoCloseable {

    SessionRepository sessions();

    PendingLoginRepository pendingLogins();

    RefreshLock refreshLock();

    /** Releases connections; the memory store has none. */
    @Override
    void close();
}
