package io.oidcgateway.session.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.config.Secret;
import io.oidcgateway.config.SessionConfig;
import io.oidcgateway.config.SessionStoreConfig;
import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.oidc.TokenResponse;
import io.oidcgateway.session.RandomTokens;
import io.oidcgateway.session.Session;
import io.oidcgateway.session.SessionStarter;
import io.oidcgateway.testing.RedisServer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * One master, one replica and one Sentinel, all from the Debian redis-server binary: a forced
 * failover promotes the replica, and the store follows it with the sessions it had.
 */
class RedisSentinelFailoverTest {
    final RandomTokens random = new RandomTokens(new SecureRandom());

    @Test
    void sessionsWhenTheReplicaIsPromotedThenStillThereAndWritable() throws Exception {
        try (RedisServer master = RedisServer.standalone(); RedisServer replica = RedisServer.replicaOf(master);
                RedisServer sentinel = RedisServer.sentinelFor(master, "mymaster")) {
            SessionConfig config = new SessionConfig("s", Duration.ofHours(8), Duration.ofHours(1), 10,
                    Duration.ofMinutes(10), 100, Duration.ofSeconds(60), Optional.empty(),
                    new SessionStoreConfig.Redis(new Secret("redis-sentinel://127.0.0.1:" + sentinel.port()
                            + "/0#mymaster"), false, List.of(RedisSessionStoreTest.newKey())), true);
            try (RedisSessionStore store = RedisSessionStore.connect((SessionStoreConfig.Redis) config.store(), config,
                    Clock.systemUTC())) {
                SessionStarter starter = new SessionStarter(store.sessions(), random, config.ttl(), Clock.systemUTC());
                Session before = starter.start(alice(), tokens());
                waitUntil(() -> replica.cli("DBSIZE").equals(master.cli("DBSIZE")), "the replica has the data");

                assertEquals("OK", sentinel.cli("SENTINEL", "FAILOVER", "mymaster"));
                waitUntil(() -> replica.cli("ROLE").startsWith("master"), "the replica is promoted");

                Session after = RedisSessionStoreTest.eventually(() -> starter.start(alice(), tokens()));
                assertEquals(Optional.of(before), store.sessions().get(before.id()), "written before the failover");
                assertEquals(Optional.of(after), store.sessions().get(after.id()), "written to the new master");
                assertTrue(Long.parseLong(replica.cli("DBSIZE")) >= 2, "the new master holds the sessions");
            }
        }
    }

    private static IdentityClaims alice() {
        return new IdentityClaims("alice", Optional.empty(), true, Optional.empty(), Optional.empty(), List.of(),
                Optional.of("sid-1"));
    }

    private static TokenResponse tokens() {
        return new TokenResponse("at", Optional.empty(), Optional.of("rt"), Duration.ofHours(1));
    }

    private static void waitUntil(BooleanSupplier condition, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }
}
