package io.oidcgateway.config;

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
     */
    record Redis(Secret url, boolean cluster, List<EncryptionKey> keys) implements SessionStoreConfig {
        public Redis {
            keys = List.copyOf(keys);
        }

        @Override
        public String description() {
            return cluster ? "in a Redis Cluster" : "in Redis";
        }
    }
}
