package io.oidcgateway.config;

import java.time.Duration;
import java.util.List;

/** Where sessions and pending logins live ({@code session.store}). */
public sealed interface SessionStoreConfig {

    /** For people: where sessions are kept, without any credential. */
    String description();

    /** In this process (Caffeine): the default; sessions end with the process. */
    record Memory() implements SessionStoreConfig {
        @Override
        public String description() {
            return "in this process's memory (sessions end when it stops)";
        }
    }

    /**
     * In Redis, shared by every instance, encrypted with {@code session.encryption-key}.
     *
     * @param url {@code session.redis-url} (may hold a password): a Lettuce URI, or with
     *        {@code cluster} a comma-separated list of seed nodes
     * @param keys the key that encrypts sessions, then older keys still accepted for reading
     * @param localCache how long an instance may use a session it read from Redis without reading it
     *        again ({@code session.redis-local-cache}); zero: read Redis on every request
     */
    record Redis(Secret url, boolean cluster, List<EncryptionKey> keys, Duration localCache)
            implements SessionStoreConfig {
        /** A burst of requests of one session (a page and its assets) reads Redis once, not once each. */
        public static final Duration DEFAULT_LOCAL_CACHE = Duration.ofSeconds(1);

        public Redis {
            keys = List.copyOf(keys);
        }

        public Redis(Secret url, boolean cluster, List<EncryptionKey> keys) {
            this(url, cluster, keys, DEFAULT_LOCAL_CACHE);
        }

        @Override
        public String description() {
            return cluster ? "in a Redis Cluster" : "in Redis";
        }
    }
}
