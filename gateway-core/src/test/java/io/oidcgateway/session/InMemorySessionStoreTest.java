package io.oidcgateway.session;

import io.oidcgateway.config.SessionConfig;
import io.oidcgateway.config.SessionStoreConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** The memory store keeps the contract every store keeps. */
class InMemorySessionStoreTest extends SessionStoreContract {

    @Override
    protected SessionStore open(SessionConfig config) {
        return SessionStores.open(config, Clock.systemUTC());
    }

    @Override
    protected SessionConfig config(long maxEntries, long maxPendingLogins) {
        return new SessionConfig("s", Duration.ofHours(8), Duration.ofHours(1), maxEntries, Duration.ofMinutes(10),
                maxPendingLogins, Duration.ofSeconds(60), Optional.empty(), new SessionStoreConfig.Memory(), true);
    }
}
