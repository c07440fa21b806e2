package io.oidcgateway.session.redis;

import io.oidcgateway.config.Secret;
import io.oidcgateway.config.SessionConfig;
import io.oidcgateway.config.SessionStoreConfig;
import io.oidcgateway.session.SessionStore;
import io.oidcgateway.session.SessionStoreContract;
import io.oidcgateway.testing.RedisServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

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
        String seeds = nodes.stream().map(RedisServer::url).collect(Collectors.joining(","));
        return new SessionConfig("s", Duration.ofHours(8), Duration.ofHours(1), maxEntries, Duration.ofMinutes(10),
                maxPendingLogins, Duration.ofSeconds(60), Optional.empty(),
                new SessionStoreConfig.Redis(new Secret(seeds), true, List.of(RedisSessionStoreTest.newKey())), true);
    }
}
