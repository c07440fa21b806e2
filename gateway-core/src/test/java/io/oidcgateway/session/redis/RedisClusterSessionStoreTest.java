package io.oidcgateway.session.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.config.Secret;
import io.oidcgateway.config.SessionConfig;
import io.oidcgateway.config.SessionStoreConfig;
import io.oidcgateway.session.Session;
import io.oidcgateway.session.SessionStarter;
import io.oidcgateway.session.SessionStore;
import io.oidcgateway.session.SessionStoreContract;
import io.oidcgateway.testing.RedisServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store on a real three-master Redis Cluster ({@code session.redis-cluster=true}): every
 * command and script touches one key, so sessions, indexes and leases spread over the slots.
 */
class RedisClusterSessionStoreTest extends SessionStoreContract {
    static List<RedisServer> nodes;

    @BeforeAll
    static void startCluster() {
        nodes = List.of(RedisServer.clusterNode(), RedisServer.clusterNode(), RedisServer.clusterNode());
        RedisServer.createCluster(nodes);
    }

    @AfterAll
    static void stopCluster() {
        nodes.forEach(RedisServer::close);
    }

    @BeforeEach
    void empty() {
        nodes.forEach(n -> n.cli("FLUSHALL"));
    }

    @Override
    protected SessionStore open(SessionConfig config) {
        return RedisSessionStore.connect((SessionStoreConfig.Redis) config.store(), config, Clock.systemUTC());
    }

    @Override
    protected SessionConfig config(long maxEntries, long maxPendingLogins) {
        return config(maxEntries, maxPendingLogins, SessionStoreConfig.Redis.DEFAULT_LOCAL_CACHE);
    }

    private static SessionConfig config(long maxEntries, long maxPendingLogins, Duration localCache) {
        String seeds = nodes.stream().map(RedisServer::url).collect(Collectors.joining(","));
        return new SessionConfig("s", Duration.ofHours(8), Duration.ofHours(1), maxEntries, Duration.ofMinutes(10),
                maxPendingLogins, Duration.ofSeconds(60), Optional.empty(), new SessionStoreConfig.Redis(
                        new Secret(seeds), true, List.of(RedisSessionStoreTest.newKey()), localCache), true);
    }

    /** Scripts run on all nodes: each read of a session runs one. */
    private static long scriptCalls() {
        long calls = 0;
        for (RedisServer node : nodes) {
            Matcher m = Pattern.compile("cmdstat_eval(?:sha)?:calls=(\\d+)")
                    .matcher(node.cli("INFO", "commandstats"));
            while (m.find()) {
                calls += Long.parseLong(m.group(1));
            }
        }
        return calls;
    }

    @Test
    void getWhenAnotherInstanceSignsOutThenThisOneDropsItsCopyWhicheverNodesTheyTalkTo() {
        // Copies that would live a minute: only the change published through the cluster can drop A's.
        SessionConfig config = config(10, 100, Duration.ofMinutes(1));
        try (RedisSessionStore a = (RedisSessionStore) open(config);
                RedisSessionStore b = (RedisSessionStore) open(config)) {
            RedisLocalCopiesTest.eventually("both subscribe", () -> a.hearsChanges() && b.hearsChanges());
            Session session = new SessionStarter(a.sessions(), random, Duration.ofHours(8), Clock.systemUTC())
                    .start(alice, tokens);
            assertTrue(a.sessions().get(session.id()).isPresent());
            long reads = scriptCalls();
            assertTrue(a.sessions().get(session.id()).isPresent());
            assertEquals(reads, scriptCalls(), "A serves its copy");

            b.sessions().delete(session.id());

            RedisLocalCopiesTest.eventually("A drops its copy", () -> a.sessions().get(session.id()).isEmpty());
        }
    }
}
