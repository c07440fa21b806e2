package io.oidcgateway.session.redis;

import static io.oidcgateway.session.redis.RedisSessionRepository.bytes;

import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.SetArgs;
import io.oidcgateway.config.SessionConfig;
import io.oidcgateway.session.PendingLogin;
import io.oidcgateway.session.PendingLoginRepository;
import io.oidcgateway.session.RandomTokens;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Pending logins in Redis, so a login started on one instance completes on another. Each is
 * sealed under {@code gw:p:<HMAC of its state>} and expires after {@code session.login-timeout};
 * taking it deletes it in the same command, so a replayed state finds nothing on any instance.
 * A sorted set keeps them bounded by {@code session.max-pending-logins}: the oldest go first.
 */
final class RedisPendingLoginRepository implements PendingLoginRepository {
    static final byte[] STARTED = bytes("gw:n:pending");

    private final RedisLink redis;
    private final SessionSealer sealer;
    private final SessionConfig config;
    private final Clock clock;

    RedisPendingLoginRepository(RedisLink redis, SessionSealer sealer, SessionConfig config, Clock clock) {
        this.redis = redis;
        this.sealer = sealer;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public void put(PendingLogin login) {
        byte[] key = key(sealer.current(), login.state());
        byte[] sealed = sealer.seal(sealer.current(), SessionJson.pendingLogin(login), key);
        long now = clock.millis();
        long over = redis.sync(c -> {
            c.set(key, sealed, SetArgs.Builder.px(config.loginTimeout().toMillis()));
            c.zremrangebyscore(STARTED, Range.create(0, now - config.loginTimeout().toMillis()));
            c.zadd(STARTED, now, key);
            return c.zcard(STARTED) - config.maxPendingLogins();
        });
        if (over > 0) {
            evictOldest(over);
        }
    }

    /** A flood of started logins evicts the oldest pending logins, never a session. */
    private void evictOldest(long count) {
        redis.sync(c -> {
            List<ScoredValue<byte[]>> oldest = c.zpopmin(STARTED, count);
            for (ScoredValue<byte[]> login : oldest) {
                c.del(login.getValue());
            }
            return null;
        });
    }

    @Override
    public Optional<PendingLogin> take(String state) {
        if (!RandomTokens.wellFormed(state)) {
            return Optional.empty();
        }
        for (SessionSealer.Generation generation : sealer.generations()) {
            byte[] key = key(generation, state);
            byte[] sealed = redis.sync(c -> c.getdel(key));
            if (sealed != null) {
                redis.async(c -> c.zrem(STARTED, key));
                return sealer.openWithAny(sealed, key).map(SessionJson::pendingLogin);
            }
        }
        return Optional.empty();
    }

    @Override
    public long count() {
        long now = clock.millis();
        return redis.sync(c -> {
            c.zremrangebyscore(STARTED, Range.create(0, now - config.loginTimeout().toMillis()));
            return c.zcard(STARTED);
        });
    }

    @Override
    public boolean available() {
        return redis.ping();
    }

    private byte[] key(SessionSealer.Generation generation, String state) {
        return bytes("gw:p:" + sealer.name(generation, "state", state));
    }
}
