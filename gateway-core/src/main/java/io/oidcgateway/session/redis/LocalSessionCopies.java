package io.oidcgateway.session.redis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.oidcgateway.session.Session;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sessions this instance read from Redis a moment ago, so that a burst of requests of one
 * session (a page and its assets, an API client's loop) reads Redis once rather than once each.
 * A copy is used for at most its lifetime, and only while this instance hears of every change:
 * each write of any instance publishes the session's Redis key ({@link SessionChanges}), each
 * instance drops its copy on hearing it, and drops every copy when it stops hearing (its
 * subscription broke, Redis went away). Copies are keyed by session id; what is published is
 * the Redis key, an HMAC of the id, so no session id ever travels through Redis.
 */
final class LocalSessionCopies {
    private record Copy(String key, Session session) {
    }

    private final Cache<String, Copy> byId;
    /** The way back from a published Redis key to the copy it names. */
    private final Map<String, String> idByKey = new ConcurrentHashMap<>();
    /** Moves at each drop: a read that a drop overtook keeps no copy, as the copy may be older than the drop. */
    private final AtomicLong drops = new AtomicLong();
    private final Clock clock;
    private final boolean enabled;
    private volatile boolean hearing;

    /**
     * @param lifetime at most this long after its read from Redis a copy is used; zero: no copies.
     *        Only reads in Redis push the session's idle timeout on, so a copy must be read
     *        again well within it: the lifetime is held to a tenth of {@code idleTimeout}.
     */
    LocalSessionCopies(Duration lifetime, Duration idleTimeout, long maxEntries, Clock clock) {
        Duration bounded = lifetime.compareTo(idleTimeout.dividedBy(10)) < 0 ? lifetime : idleTimeout.dividedBy(10);
        this.enabled = !bounded.isZero();
        this.clock = clock;
        this.byId = Caffeine.newBuilder()
                .maximumSize(enabled ? maxEntries : 0)
                .expireAfterWrite(bounded)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .<String, Copy>evictionListener((id, copy, cause) -> idByKey.remove(copy.key(), id))
                .build();
    }

    /** The copy of a session, unless there is none, it is too old, the session has ended, or changes cannot be heard now. */
    Optional<Session> get(String id) {
        if (!hearing) {
            return Optional.empty();
        }
        Copy copy = byId.getIfPresent(id);
        if (copy == null) {
            return Optional.empty();
        }
        if (clock.millis() >= copy.session().expiresAt().toEpochMilli()) {
            drop(id);
            return Optional.empty();
        }
        return Optional.of(copy.session());
    }

    /** Taken before a read from Redis and handed to {@link #keep}. */
    long dropsSoFar() {
        return drops.get();
    }

    /** Keeps what a read found, unless a drop came in since {@code dropsBefore} (then it may be stale already). */
    void keep(String id, String key, Session session, long dropsBefore) {
        if (!enabled || !hearing) {
            return;
        }
        byId.put(id, new Copy(key, session));
        idByKey.put(key, id);
        // Checked after storing: a drop that came in meanwhile either found the copy or moved the count.
        if (drops.get() != dropsBefore) {
            drop(id);
        }
    }

    /** This instance changed or ended the session. */
    void drop(String id) {
        drops.incrementAndGet();
        Copy copy = byId.asMap().remove(id);
        if (copy != null) {
            idByKey.remove(copy.key(), id);
        }
    }

    /** Some instance changed or ended the session stored under this Redis key. */
    void dropKey(String key) {
        drops.incrementAndGet();
        String id = idByKey.remove(key);
        if (id != null) {
            byId.invalidate(id);
        }
    }

    /** Changes are heard from now on. */
    void startHearing() {
        drops.incrementAndGet();
        hearing = true;
    }

    /** Changes can no longer be heard: nothing read before may be used. */
    void stopHearing() {
        hearing = false;
        drops.incrementAndGet();
        byId.invalidateAll();
        idByKey.clear();
    }

    boolean enabled() {
        return enabled;
    }

    boolean hears() {
        return hearing;
    }
}
