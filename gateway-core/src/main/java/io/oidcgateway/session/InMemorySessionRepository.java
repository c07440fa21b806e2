package io.oidcgateway.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.oidcgateway.config.SessionConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Sessions in a bounded Caffeine cache of this process. Each entry lives until the first of:
 * its absolute end ({@code session.ttl} after login) or {@code session.idle-timeout} after its
 * last use. Sessions do not survive a restart and are not shared between instances.
 */
public final class InMemorySessionRepository implements SessionRepository {
    private final Cache<String, Session> cache;
    private final SessionConfig config;
    private final Clock clock;

    public InMemorySessionRepository(SessionConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.cache = Caffeine.newBuilder()
                .maximumSize(config.maxEntries())
                .expireAfter(new SessionExpiry())
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    @Override
    public Optional<Session> get(String id) {
        if (!RandomTokens.wellFormed(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(cache.getIfPresent(id));
    }

    @Override
    public void save(Session session) {
        cache.put(session.id(), session);
    }

    @Override
    public boolean replace(Session current, Session updated) {
        return cache.asMap().replace(current.id(), current, updated);
    }

    @Override
    public void delete(String id) {
        if (id != null) {
            cache.invalidate(id);
        }
    }

    @Override
    public boolean end(Session current) {
        return cache.asMap().remove(current.id(), current);
    }

    @Override
    public int deleteByIdpSession(String sid) {
        return deleteWhere(s -> s.identity().sessionId().filter(sid::equals).isPresent());
    }

    @Override
    public int deleteBySubject(String subject) {
        return deleteWhere(s -> subject.equals(s.identity().subject()));
    }

    private int deleteWhere(Predicate<Session> ended) {
        int before = cache.asMap().size();
        cache.asMap().values().removeIf(ended);
        return before - cache.asMap().size();
    }

    @Override
    public long count() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private final class SessionExpiry implements Expiry<String, Session> {
        @Override
        public long expireAfterCreate(String key, Session session, long currentTime) {
            return remaining(session);
        }

        @Override
        public long expireAfterUpdate(String key, Session session, long currentTime, long currentDuration) {
            return remaining(session);
        }

        @Override
        public long expireAfterRead(String key, Session session, long currentTime, long currentDuration) {
            return remaining(session);
        }

        private long remaining(Session session) {
            Duration untilEnd = Duration.between(clock.instant(), session.expiresAt());
            Duration lifetime = untilEnd.compareTo(config.idleTimeout()) < 0 ? untilEnd : config.idleTimeout();
            return Math.max(0, lifetime.toNanos());
        }
    }
}
