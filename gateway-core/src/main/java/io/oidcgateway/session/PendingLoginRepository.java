package io.oidcgateway.session;

import java.util.Optional;

/**
 * Logins between the redirect to the IdP and the callback, by {@code state}, bounded apart
 * from sessions: a flood of started logins evicts other pending logins, never a session.
 */
public interface PendingLoginRepository {

    void put(PendingLogin login);

    /** Removes and returns the login for {@code state}, exactly once: a replayed state finds nothing. */
    Optional<PendingLogin> take(String state);

    long count();

    /** Whether the store answers now; {@code /readyz} reports it. */
    default boolean available() {
        return true;
    }
}
