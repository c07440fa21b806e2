package io.oidcgateway.session;

import java.util.Optional;

/**
 * Who may redeem a session's refresh token now. In one process the refresher's own single
 * flight is enough; several instances sharing a store take a lease in the store, so that
 * exactly one refresh token grant reaches the IdP while the others wait and read its result.
 * A lease lasts while its holder lives (a Redis lease is renewed while the refresh is in
 * flight, however slow the IdP is), so it runs out only when its holder has died.
 */
public interface RefreshLock {

    /** A held right to refresh one session, until released. */
    record Lease(String sessionId, String holder) {
    }

    /** @return the lease, or empty while another holder has it */
    Optional<Lease> tryAcquire(String sessionId);

    void release(Lease lease);

    /** The lock of a single process: always granted, as the refresher already serialises its threads. */
    static RefreshLock inProcess() {
        return new RefreshLock() {
            @Override
            public Optional<Lease> tryAcquire(String sessionId) {
                return Optional.of(new Lease(sessionId, "this process"));
            }

            @Override
            public void release(Lease lease) {
                // nothing was taken
            }
        };
    }
}
