package io.oidcgateway.session.redis;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every instance which sessions changed, so none uses an old copy ({@link LocalSessionCopies}):
 * a write publishes the session's Redis key on {@link #CHANNEL}, and each instance listens on a
 * pub/sub connection of its own. Until that subscription stands (Redis down at start, an ACL
 * that refuses the channel) and whenever it breaks, copies are not used: every request reads
 * Redis, as without copies.
 */
final class SessionChanges implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionChanges.class);
    private static final String CHANNEL_NAME = "gw:changed";
    static final byte[] CHANNEL = CHANNEL_NAME.getBytes(StandardCharsets.US_ASCII);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final RedisLink redis;
    private final LocalSessionCopies copies;
    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "redis-session-changes");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean refusalLogged = new AtomicBoolean();
    private volatile RedisLink.PubSub subscription;
    private volatile boolean closed;

    private SessionChanges(RedisLink redis, LocalSessionCopies copies) {
        this.redis = redis;
        this.copies = copies;
    }

    /** Starts listening in the background, when there are copies to keep true. */
    static SessionChanges listen(RedisLink redis, LocalSessionCopies copies) {
        SessionChanges changes = new SessionChanges(redis, copies);
        if (copies.enabled()) {
            changes.connector.execute(changes::subscribe);
        }
        return changes;
    }

    /**
     * The session under this Redis key changed or ended: this instance's copy goes at once, and
     * every other instance is told. Published whether or not this instance keeps copies itself:
     * others may.
     */
    void publish(byte[] sessionKey) {
        copies.dropKey(new String(sessionKey, StandardCharsets.UTF_8));
        redis.async(c -> c.publish(CHANNEL, sessionKey).whenComplete((n, e) -> {
            if (e != null) {
                refused("PUBLISH", e);
            }
        }));
    }

    private void subscribe() {
        if (closed) {
            return;
        }
        RedisLink.PubSub made;
        try {
            made = redis.connectPubSub(new Breaks());
        } catch (RedisException e) {
            connector.schedule(this::subscribe, RETRY.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        made.connection().addListener(new Messages());
        subscription = made;
        made.connection().async().subscribe(CHANNEL).whenComplete((done, e) -> {
            if (e != null) {
                refused("SUBSCRIBE", e);
            }
        });
    }

    /** An ACL's refusal is the operator's to fix; a broken connection is already logged by {@link RedisLink}. */
    private void refused(String command, Throwable e) {
        if (String.valueOf(e.getMessage()).startsWith("NOPERM") && refusalLogged.compareAndSet(false, true)) {
            LOG.warn("Redis refused {} on channel {} ({}): every request reads its session from Redis."
                    + " With Redis ACLs, allow the channel: &{}. This is logged once.",
                    command, CHANNEL_NAME, e.getClass().getSimpleName(), CHANNEL_NAME);
        }
    }

    /** Subscribed (again, after a reconnect): changes are heard from now on. */
    private final class Messages extends RedisPubSubAdapter<byte[], byte[]> {
        @Override
        public void subscribed(byte[] channel, long count) {
            copies.startHearing();
        }

        @Override
        public void message(byte[] channel, byte[] sessionKey) {
            copies.dropKey(new String(sessionKey, StandardCharsets.UTF_8));
        }
    }

    /** Messages sent while the connection is down are lost to it: nothing read before may be used. */
    private final class Breaks implements RedisConnectionStateListener {
        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            copies.stopHearing();
        }
    }

    @Override
    public void close() {
        closed = true;
        copies.stopHearing();
        connector.shutdownNow();
        RedisLink.PubSub current = subscription;
        if (current != null) {
            current.client().shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
