package io.oidcgateway.session.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.oidcgateway.config.SessionStoreConfig;
import io.oidcgateway.session.SessionStoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's connection to Redis (standalone, Sentinel or Cluster), through Lettuce, and
 * the maker of the pub/sub connection that hears of changes ({@link SessionChanges}).
 * Commands fail fast while Redis cannot be reached, so a request gets a 503 page at once; the
 * connection is made lazily and remade when it breaks, so the gateway starts, and recovers,
 * without Redis. No password ever reaches a message.
 */
final class RedisLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);
    /** A Redis command that takes longer than this counts as Redis being unreachable. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    /** After a failed connect, requests fail at once for this long instead of each trying again. */
    static final Duration RECONNECT_INTERVAL = Duration.ofSeconds(1);

    private final SessionStoreConfig.Redis config;
    private final Clock clock;
    /** Reconnects soon after Redis is back: Lettuce's default waits up to 30 s between attempts. */
    private final ClientResources resources = ClientResources.builder()
            .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
            .build();
    private final AtomicBoolean failing = new AtomicBoolean();
    private volatile AutoCloseable client;
    private volatile StatefulConnection<byte[], byte[]> connection;
    private volatile Instant lastAttempt = Instant.EPOCH;

    RedisLink(SessionStoreConfig.Redis config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Runs a command and waits for its answer; any Redis trouble becomes {@link SessionStoreUnavailableException}. */
    <T> T sync(Function<RedisClusterCommands<byte[], byte[]>, T> command) {
        T result;
        try {
            result = command.apply(commands(connection()));
        } catch (RedisException e) {
            throw unavailable(e);
        }
        if (failing.compareAndSet(true, false)) {
            LOG.info("Redis answers again; sessions are served as before");
        }
        return result;
    }

    /** Runs a script on one key by its digest, sending its text only when Redis does not have it yet. */
    <T> T script(RedisScript script, ScriptOutputType type, byte[] key, byte[]... args) {
        byte[][] keys = {key};
        return sync(c -> {
            try {
                return c.<T>evalsha(script.sha(), type, keys, args);
            } catch (RedisNoScriptException e) {
                return c.<T>eval(script.body(), type, keys, args);
            }
        });
    }

    /** Sends commands without waiting (idle-timeout extensions, index upkeep): lost only with Redis itself. */
    void async(Consumer<RedisClusterAsyncCommands<byte[], byte[]>> commands) {
        try {
            commands.accept(asyncCommands(connection()));
        } catch (RedisException | SessionStoreUnavailableException e) {
            LOG.debug("a background Redis command was not sent: {}", e.getClass().getSimpleName());
        }
    }

    boolean ping() {
        try {
            return "PONG".equals(sync(RedisClusterCommands::ping));
        } catch (SessionStoreUnavailableException e) {
            return false;
        }
    }

    private SessionStoreUnavailableException unavailable(RedisException e) {
        if (failing.compareAndSet(false, true)) {
            LOG.warn("Redis cannot be used ({}); requests with a session get 503 until it answers, and lose nothing",
                    e.getClass().getSimpleName());
        }
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("READONLY")) {
            // A failover made our node a replica; reconnecting asks Sentinel for the new master.
            reset();
        }
        return new SessionStoreUnavailableException("Redis does not answer", e);
    }

    private StatefulConnection<byte[], byte[]> connection() {
        StatefulConnection<byte[], byte[]> current = connection;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (connection != null) {
                return connection;
            }
            Instant now = clock.instant();
            if (Duration.between(lastAttempt, now).compareTo(RECONNECT_INTERVAL) < 0) {
                throw new SessionStoreUnavailableException("Redis could not be reached a moment ago", null);
            }
            lastAttempt = now;
            try {
                connection = connect();
                LOG.info("connected to Redis");
                return connection;
            } catch (RedisException e) {
                throw unavailable(e);
            }
        }
    }

    private StatefulConnection<byte[], byte[]> connect() {
        AbstractRedisClient made = newClient();
        client = made::shutdown;
        return made instanceof RedisClusterClient cluster ? cluster.connect(ByteArrayCodec.INSTANCE)
                : ((RedisClient) made).connect(ByteArrayCodec.INSTANCE);
    }

    /**
     * A pub/sub connection of its own, on a client of its own so that {@code events} hears of
     * this connection only; Lettuce remakes it and subscribes again when it breaks. The caller
     * shuts the client down.
     */
    PubSub connectPubSub(RedisConnectionStateListener events) {
        AbstractRedisClient made = newClient();
        made.addListener(events);
        try {
            return new PubSub(made, made instanceof RedisClusterClient cluster
                    ? cluster.connectPubSub(ByteArrayCodec.INSTANCE)
                    : ((RedisClient) made).connectPubSub(ByteArrayCodec.INSTANCE));
        } catch (RedisException e) {
            made.shutdown();
            throw e;
        }
    }

    record PubSub(AbstractRedisClient client, StatefulRedisPubSubConnection<byte[], byte[]> connection) {
    }

    private AbstractRedisClient newClient() {
        TimeoutOptions timeouts = TimeoutOptions.enabled(COMMAND_TIMEOUT);
        if (config.cluster()) {
            List<RedisURI> seeds = Arrays.stream(config.url().reveal().split("\\s*,\\s*")).map(RedisURI::create).toList();
            RedisClusterClient cluster = RedisClusterClient.create(resources, seeds);
            // A cluster connects to each node on first use, so commands wait for that (and fail
            // after the command timeout) rather than being refused while a node connects.
            cluster.setOptions(ClusterClientOptions.builder().timeoutOptions(timeouts).build());
            return cluster;
        }
        RedisURI uri = RedisURI.create(config.url().reveal());
        uri.setTimeout(COMMAND_TIMEOUT);
        RedisClient single = RedisClient.create(resources, uri);
        single.setOptions(ClientOptions.builder().timeoutOptions(timeouts)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
        return single;
    }

    @SuppressWarnings("unchecked")
    private static RedisClusterCommands<byte[], byte[]> commands(StatefulConnection<byte[], byte[]> c) {
        return c instanceof StatefulRedisClusterConnection<?, ?> cluster
                ? ((StatefulRedisClusterConnection<byte[], byte[]>) cluster).sync()
                : ((StatefulRedisConnection<byte[], byte[]>) c).sync();
    }

    @SuppressWarnings("unchecked")
    private static RedisClusterAsyncCommands<byte[], byte[]> asyncCommands(StatefulConnection<byte[], byte[]> c) {
        return c instanceof StatefulRedisClusterConnection<?, ?> cluster
                ? ((StatefulRedisClusterConnection<byte[], byte[]>) cluster).async()
                : ((StatefulRedisConnection<byte[], byte[]>) c).async();
    }

    private synchronized void reset() {
        StatefulConnection<byte[], byte[]> old = connection;
        connection = null;
        closeQuietly(old);
        closeQuietly(client);
        client = null;
    }

    @Override
    public synchronized void close() {
        reset();
        resources.shutdown();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("closing a Redis connection failed: {}", e.getClass().getSimpleName());
        }
    }
}
