package io.oidcgateway.session.redis;

import io.oidcgateway.config.SessionConfig;
import io.oidcgateway.config.SessionStoreConfig;
import io.oidcgateway.session.PendingLoginRepository;
import io.oidcgateway.session.RandomTokens;
import io.oidcgateway.session.RefreshLock;
import io.oidcgateway.session.SessionRepository;
import io.oidcgateway.session.SessionStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * Sessions, pending logins and refresh leases in one Redis shared by every instance, encrypted
 * with {@code session.encryption-key}. The gateway starts while Redis is down: requests get a
 * 503 page until it answers, and lose nothing.
 */
public final class RedisSessionStore implements SessionStore {
    /** How soon a refresh lease of a dead instance frees; a live holder renews it. */
    public static final Duration DEFAULT_REFRESH_LEASE = Duration.ofSeconds(5);

    private final RedisLink redis;
    private final LocalSessionCopies copies;
    private final SessionChanges changes;
    private final RedisSessionRepository sessions;
    private final RedisPendingLoginRepository pendingLogins;
    private final RedisRefreshLock refreshLock;

    private RedisSessionStore(RedisLink redis, SessionStoreConfig.Redis where, SessionConfig config, Clock clock,
            Duration refreshLease) {
        SessionSealer sealer = new SessionSealer(where.keys());
        this.redis = redis;
        this.copies = new LocalSessionCopies(where.localCache(), config.idleTimeout(),
                config.maxEntries(), clock);
        this.changes = SessionChanges.listen(redis, copies);
        this.sessions = new RedisSessionRepository(redis, sealer, config, clock, copies, changes);
        this.pendingLogins = new RedisPendingLoginRepository(redis, sealer, config, clock);
        this.refreshLock = new RedisRefreshLock(redis, sealer, refreshLease, new RandomTokens(new SecureRandom()));
    }

    public static RedisSessionStore connect(SessionStoreConfig.Redis redis, SessionConfig config, Clock clock) {
        return connect(redis, config, clock, DEFAULT_REFRESH_LEASE);
    }

    /** @param refreshLease how long a refresh lease lasts between renewals (tests make it short) */
    public static RedisSessionStore connect(SessionStoreConfig.Redis redis, SessionConfig config, Clock clock,
            Duration refreshLease) {
        RedisLink link = new RedisLink(redis, clock);
        link.ping();
        return new RedisSessionStore(link, redis, config, clock, refreshLease);
    }

    /** Whether this instance keeps copies of sessions now: it hears every change (tests wait for it). */
    boolean hearsChanges() {
        return copies.hears();
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
        return refreshLock;
    }

    @Override
    public void close() {
        refreshLock.close();
        changes.close();
        redis.close();
    }
}
