package io.oidcgateway.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.oidcgateway.config.SessionConfig;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Pending logins by {@code state}, bounded apart from sessions: a flood of started logins
 * evicts other pending logins, never a session. A state can be taken once.
 */
public final class PendingLoginStore {
    private final Cache<String, PendingLogin> cache;

    public PendingLoginStore(SessionConfig config, Clock clock) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(config.maxPendingLogins())
                .expireAfterWrite(config.loginTimeout())
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    public void put(PendingLogin login) {
        cache.put(login.state(), login);
    }

    /** Removes and returns the login for {@code state}: a replayed state finds nothing. */
    public Optional<PendingLogin> take(String state) {
        if (!RandomTokens.wellFormed(state)) {
            return Optional.empty();
        }
        return Optional.ofNullable(cache.asMap().remove(state));
    }

    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
