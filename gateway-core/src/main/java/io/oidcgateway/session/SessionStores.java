package io.oidcgateway.session;

import io.oidcgateway.config.SessionConfig;
import io.oidcgateway.config.SessionStoreConfig;
import io.oidcgateway.session.redis.RedisSessionStore;
import java.time.Clock;

/** The one place that turns {@code session.store} into a store. */
public final class SessionStores {
    private SessionStores() {
    }

    /** @throws SessionStoreUnavailableException never at start: a Redis that is down now is retried per request */
    public static SessionStore open(SessionConfig config, Clock clock) {
        if (config.store() instanceof SessionStoreConfig.Redis redis) {
            return RedisSessionStore.connect(redis, config, clock);
        }
        return new InMemorySessionStore(config, clock);
    }
}
