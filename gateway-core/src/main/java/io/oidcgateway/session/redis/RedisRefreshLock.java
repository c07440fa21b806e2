package io.oidcgateway.session.redis;

import static io.oidcgateway.session.redis.RedisSessionRepository.bytes;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.oidcgateway.session.RandomTokens;
import io.oidcgateway.session.RefreshLock;
import io.oidcgateway.session.SessionStoreUnavailableException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A refresh lease in Redis: {@code gw:l:<HMAC of the session id>}, set only if absent, holding a
 * random holder id. While the holder's refresh is in flight the lease is renewed every third of
 * its length, so a slow IdP never lets it lapse and hand the same refresh token to a second
 * instance (the race of a lock with a fixed expiry); it lapses only when its holder has died.
 * Renewing and releasing compare the holder first, so nobody extends or frees another's lease.
 */
final class RedisRefreshLock implements RefreshLock, AutoCloseable {
    private static final RedisScript RENEW = RedisScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return 0
            """);
    private static final RedisScript RELEASE = RedisScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """);

    private final RedisLink redis;
    private final SessionSealer sealer;
    private final Duration lease;
    private final RandomTokens holders;
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "refresh-lease-renewer");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Lease, ScheduledFuture<?>> renewals = new ConcurrentHashMap<>();

    /** @param lease how long a lease lasts without renewal: how soon a dead holder's lease frees */
    RedisRefreshLock(RedisLink redis, SessionSealer sealer, Duration lease, RandomTokens holders) {
        this.redis = redis;
        this.sealer = sealer;
        this.lease = lease;
        this.holders = holders;
    }

    @Override
    public Optional<Lease> tryAcquire(String sessionId) {
        Lease held = new Lease(sessionId, holders.next());
        byte[] key = key(sessionId);
        String reply = redis.sync(c -> c.set(key, bytes(held.holder()), SetArgs.Builder.nx().px(lease.toMillis())));
        if (!"OK".equals(reply)) {
            return Optional.empty();
        }
        long every = Math.max(1, lease.toMillis() / 3);
        renewals.put(held, renewer.scheduleAtFixedRate(() -> renew(held), every, every, TimeUnit.MILLISECONDS));
        return Optional.of(held);
    }

    private void renew(Lease held) {
        try {
            redis.script(RENEW, ScriptOutputType.INTEGER, key(held.sessionId()),
                    bytes(held.holder()), RedisSessionRepository.number(lease.toMillis()));
        } catch (SessionStoreUnavailableException e) {
            // Redis is away; the refresh's own write will find out. Try again at the next tick.
        }
    }

    @Override
    public void release(Lease held) {
        ScheduledFuture<?> renewal = renewals.remove(held);
        if (renewal != null) {
            renewal.cancel(false);
        }
        try {
            redis.script(RELEASE, ScriptOutputType.INTEGER, key(held.sessionId()),
                    bytes(held.holder()));
        } catch (SessionStoreUnavailableException e) {
            // The lease lapses on its own once no longer renewed.
        }
    }

    @Override
    public void close() {
        renewer.shutdownNow();
    }

    private byte[] key(String sessionId) {
        return bytes("gw:l:" + sealer.name(sealer.current(), "lease", sessionId));
    }
}
