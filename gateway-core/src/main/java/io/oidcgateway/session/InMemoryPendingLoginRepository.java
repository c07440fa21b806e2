package io.oidcgateway.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.oidcgateway.config.SessionConfig;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Pending logins in a bounded Caffeine cache of this process; each expires {@code session.login-timeout} after it started. */
public final class InMemoryPendingLoginRepository implements PendingLoginRepository {
    private final Cache<String, PendingLogin> cache;

    public InMemoryPendingLoginRepository(SessionConfig config, Clock clock) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(config.maxPendingLogins())
                .expireAfterWrite(config.loginTimeout())
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    @Override
    public void put(PendingLogin login) {
        cache.put(login.state(), login);
    }

    @Override
    public Optional<PendingLogin> take(String state) {
        if (!RandomTokens.wellFormed(state)) {
            return Optional.empty();
        }
        return Optional.ofNullable(cache.asMap().remove(state));
    }

    @Override
    public long count() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
