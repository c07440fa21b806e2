package io.oidcgateway.config;

import static io.oidcgateway.config.ConfigKeys.*;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Reads {@code session.store} and, for Redis, where it is and the keys that encrypt sessions. */
final class SessionStoreReader {
    private static final String MAKE_A_KEY = "make one with: openssl rand -base64 32";

    private SessionStoreReader() {
    }

    static SessionStoreConfig store(ValueReader r) {
        String kind = r.string(SESSION_STORE, "memory");
        if (kind.equals("memory")) {
            for (String key : List.of(SESSION_REDIS_URL, SESSION_ENCRYPTION_KEY, SESSION_REDIS_LOCAL_CACHE)) {
                if (r.optional(key).isPresent()) {
                    r.problem(key, "is set but session.store is memory; set session.store=redis to use it");
                }
            }
            return new SessionStoreConfig.Memory();
        }
        if (!kind.equals("redis")) {
            r.problem(SESSION_STORE, "write memory or redis");
            return new SessionStoreConfig.Memory();
        }
        boolean cluster = r.bool(SESSION_REDIS_CLUSTER, false);
        Secret url = new Secret(r.optional(SESSION_REDIS_URL).orElseGet(() -> {
            r.problem(SESSION_REDIS_URL, "is required with session.store=redis: redis://host:6379, rediss:// for"
                    + " TLS, redis-sentinel://host1:26379,host2:26379/0#mymaster for Sentinel");
            return "redis://invalid.invalid";
        }));
        checkUrls(r, url.reveal(), cluster);
        List<EncryptionKey> keys = new ArrayList<>();
        Optional<String> current = r.optional(SESSION_ENCRYPTION_KEY);
        if (current.isEmpty()) {
            r.problem(SESSION_ENCRYPTION_KEY, "is required with session.store=redis: 32 random bytes in base64 that"
                    + " encrypt sessions at rest; " + MAKE_A_KEY);
        }
        current.flatMap(v -> key(r, SESSION_ENCRYPTION_KEY, v)).ifPresent(keys::add);
        r.optional(SESSION_PREVIOUS_ENCRYPTION_KEYS).ifPresent(v -> {
            for (String old : v.split(",")) {
                key(r, SESSION_PREVIOUS_ENCRYPTION_KEYS, old.trim()).ifPresent(keys::add);
            }
        });
        return new SessionStoreConfig.Redis(url, cluster, keys,
                r.durationOrZero(SESSION_REDIS_LOCAL_CACHE, SessionStoreConfig.Redis.DEFAULT_LOCAL_CACHE));
    }

    private static void checkUrls(ValueReader r, String value, boolean cluster) {
        List<String> urls = cluster ? List.of(value.split("\\s*,\\s*")) : List.of(value.trim());
        for (String url : urls) {
            if (!url.matches("(redis|rediss|redis-sentinel|rediss-sentinel)://.+")) {
                r.problem(SESSION_REDIS_URL, "'" + (url.contains("@") ? "(a URL with credentials)" : url)
                        + "' is not a Redis URL: write redis://[user:password@]host:port[/db], rediss:// for TLS,"
                        + " or redis-sentinel://host:26379/0#mymaster"
                        + (cluster ? "; with session.redis-cluster=true, several separated by commas" : ""));
            }
        }
        if (!cluster && value.contains(",") && !value.startsWith("redis-sentinel") && !value.startsWith("rediss-sentinel")) {
            r.problem(SESSION_REDIS_URL, "names several nodes: set session.redis-cluster=true for a Redis Cluster,"
                    + " or use redis-sentinel://host1:26379,host2:26379/0#mymaster for Sentinel");
        }
    }

    private static Optional<EncryptionKey> key(ValueReader r, String configKey, String value) {
        try {
            byte[] bytes = value.contains("-") || value.contains("_") ? Base64.getUrlDecoder().decode(value)
                    : Base64.getDecoder().decode(value);
            return Optional.of(new EncryptionKey(bytes));
        } catch (IllegalArgumentException e) {
            r.problem(configKey, "must be 32 random bytes in base64 (" + e.getMessage() + "); " + MAKE_A_KEY);
            return Optional.empty();
        }
    }
}
