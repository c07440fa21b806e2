package io.oidcgateway.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.oidcgateway.config.SessionConfig;
import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.oidc.TokenResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Sessions in a bounded Caffeine cache. Each entry lives until the first of: its absolute
 * end ({@code session.ttl} after login) or {@code session.idle-timeout} after its last use.
 */
public final class SessionStore {
    private final Cache<String, Session> cache;
    private final SessionConfig config;
    private final Clock clock;
    private final RandomTokens random;

    public SessionStore(SessionConfig config, Clock clock, RandomTokens random) {
        this.config = config;
        this.clock = clock;
        this.random = random;
        this.cache = Caffeine.newBuilder()
                .maximumSize(config.maxEntries())
                .expireAfter(new SessionExpiry())
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    /** A new session with a new random id: ids are never carried over from before the login. */
    public Session create(IdentityClaims identity, TokenResponse tokens) {
        Instant now = clock.instant();
        Session session = new Session(random.next(), identity, tokens.accessToken(), now.plus(tokens.expiresIn()),
                tokens.refreshToken(), tokens.idToken(), now, now.plus(config.ttl()));
        cache.put(session.id(), session);
        return session;
    }

    public Optional<Session> find(String id) {
        if (!RandomTokens.wellFormed(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(cache.getIfPresent(id));
    }

    /** Stores a refreshed session under its id, unless it ended meanwhile. */
    public void replace(Session session) {
        cache.asMap().replace(session.id(), session);
    }

    /** Ends every session that matches, e.g. all of one user at a back-channel logout; returns how many. */
    public int removeWhere(Predicate<Session> ended) {
        int before = cache.asMap().size();
        cache.asMap().values().removeIf(ended);
        return before - cache.asMap().size();
    }

    public void remove(String id) {
        if (id != null) {
            cache.invalidate(id);
        }
    }

    public long size() {
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
