package io.oidcgateway.session.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.config.EncryptionKey;
import io.oidcgateway.config.Secret;
import io.oidcgateway.config.SessionConfig;
import io.oidcgateway.config.SessionStoreConfig;
import io.oidcgateway.session.PendingLogin;
import io.oidcgateway.session.RefreshLock;
import io.oidcgateway.session.Session;
import io.oidcgateway.session.SessionStarter;
import io.oidcgateway.session.SessionStore;
import io.oidcgateway.session.SessionStoreContract;
import io.oidcgateway.session.SessionStoreUnavailableException;
import io.oidcgateway.oidc.TokenResponse;
import io.oidcgateway.testing.RedisServer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Redis store against a real redis-server: the common contract, and what only Redis must prove. */
class RedisSessionStoreTest extends SessionStoreContract {
    static RedisServer redis;
    static final EncryptionKey KEY = newKey();

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.standalone();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void empty() {
        redis.emptyAgain();
    }

    static EncryptionKey newKey() {
        byte[] bytes = new byte[EncryptionKey.BYTES];
        new SecureRandom().nextBytes(bytes);
        return new EncryptionKey(bytes);
    }

    @Override
    protected SessionStore open(SessionConfig config) {
        return RedisSessionStore.connect((SessionStoreConfig.Redis) config.store(), config, Clock.systemUTC());
    }

    @Override
    protected SessionConfig config(long maxEntries, long maxPendingLogins) {
        return config(Duration.ofHours(1), maxPendingLogins, List.of(KEY));
    }

    static SessionConfig config(Duration idle, long maxPendingLogins, List<EncryptionKey> keys) {
        return new SessionConfig("s", Duration.ofHours(8), idle, 10, Duration.ofMinutes(10), maxPendingLogins,
                Duration.ofSeconds(60), Optional.empty(),
                new SessionStoreConfig.Redis(new Secret(redis.url()), false, keys), true);
    }

    private SessionStore open(List<EncryptionKey> keys) {
        return open(config(Duration.ofHours(1), 100, keys));
    }

    @Test
    void redisDataWhenReadWithRedisCliThenNoTokenIdOrPersonalDataInClear() {
        Session session = new SessionStarter(store().sessions(), random, Duration.ofHours(8),
                Clock.systemUTC()).start(alice, new TokenResponse("ACCESS-TOKEN-VALUE", Optional.of("ID-TOKEN-VALUE"),
                        Optional.of("REFRESH-TOKEN-VALUE"), Duration.ofHours(1)));
        PendingLogin login = new PendingLogin(random.next(), random.next(), random.next(), "/private/page", "binding");
        store().pendingLogins().put(login);
        store().refreshLock().tryAcquire(session.id());

        List<String> keys = List.of(redis.cli("--scan").split("\n"));
        StringBuilder everything = new StringBuilder(String.join("\n", keys));
        for (String key : keys) {
            everything.append(switch (redis.cli("TYPE", key)) {
                case "string" -> redis.cli("GET", key);
                case "hash" -> redis.cli("HGETALL", key);
                case "set" -> redis.cli("SMEMBERS", key);
                case "zset" -> redis.cli("ZRANGE", key, "0", "-1");
                default -> throw new AssertionError("unexpected type of " + key);
            });
        }

        assertTrue(keys.size() >= 6, "session, sid and sub index, count, pending, lease: " + keys);
        for (String secret : List.of(session.id(), "ACCESS-TOKEN-VALUE", "ID-TOKEN-VALUE", "REFRESH-TOKEN-VALUE",
                "alice@example.com", "alice", "sid-1", "A. Person", login.state(), login.nonce(),
                login.codeVerifier(), "/private/page")) {
            assertFalse(everything.toString().contains(secret), "in clear in Redis: " + secret);
        }
    }

    @Test
    void getWhenKeyRotatedThenOldSessionsStillWorkAndTheirNextWriteUsesTheNewKey() {
        Session session = create(alice);
        EncryptionKey next = newKey();

        try (SessionStore rotated = open(List.of(next, KEY)); SessionStore oldKeyOnly = open(List.of(KEY))) {
            assertEquals(Optional.of(session), rotated.sessions().get(session.id()));
            Session refreshed = session.refreshed(new TokenResponse("at2", Optional.empty(), Optional.empty(),
                    Duration.ofHours(1)), Optional.empty(), Clock.systemUTC().instant());
            assertTrue(rotated.sessions().replace(session, refreshed));

            assertEquals(Optional.of(refreshed), rotated.sessions().get(session.id()));
            assertFalse(oldKeyOnly.sessions().get(session.id()).isPresent(), "sealed with the new key now");
            Session created = rotated.sessions().get(new SessionStarter(rotated.sessions(),
                    random, Duration.ofHours(8), Clock.systemUTC()).start(alice, tokens).id()).orElseThrow();
            assertFalse(oldKeyOnly.sessions().get(created.id()).isPresent());
        }
    }

    @Test
    void getWhenNoConfiguredKeySealedItThenNotFound() {
        Session session = create(alice);

        try (SessionStore stranger = open(List.of(newKey()))) {
            assertFalse(stranger.sessions().get(session.id()).isPresent());
        }
    }

    @Test
    void getWhenASealedValueIsCopiedUnderAnotherSessionsKeyThenRefused() {
        Session mallory = create(identity("mallory", null));
        Session victim = create(alice);
        SessionSealer sealer = new SessionSealer(List.of(KEY));
        String from = RedisSessionRepository.PREFIX + sealer.name(sealer.current(), "session", mallory.id());
        String to = RedisSessionRepository.PREFIX + sealer.name(sealer.current(), "session", victim.id());

        redis.cli("COPY", from, to, "REPLACE");

        assertFalse(store().sessions().get(victim.id()).isPresent(), "the key is the associated data");
        assertTrue(store().sessions().get(mallory.id()).isPresent());
    }

    @Test
    void getWhenIdleLongerThanIdleTimeoutThenGoneButEachUseExtendsIt() throws Exception {
        try (SessionStore shortIdle = open(config(Duration.ofMillis(800), 100, List.of(KEY)))) {
            Session used = new SessionStarter(shortIdle.sessions(), random, Duration.ofHours(8),
                    Clock.systemUTC()).start(alice, tokens);
            Session idle = new SessionStarter(shortIdle.sessions(), random,
                    Duration.ofHours(8), Clock.systemUTC()).start(alice, tokens);

            for (int i = 0; i < 4; i++) {
                Thread.sleep(400);
                assertTrue(shortIdle.sessions().get(used.id()).isPresent(), "used every 400 ms: " + i);
            }
            assertEquals(1, shortIdle.sessions().count(), "the live count follows each use, and drops the idle one");
            assertFalse(shortIdle.sessions().get(idle.id()).isPresent(), "unused for 1.6 s");
            long ttl = Long.parseLong(redis.cli("PTTL", RedisSessionRepository.PREFIX
                    + new SessionSealer(List.of(KEY)).name(new SessionSealer(List.of(KEY)).current(), "session",
                            used.id())));
            assertTrue(ttl > 0 && ttl <= 800, "expires with the idle timeout: " + ttl);
        }
    }

    @Test
    void getWhileRedisIsDownThenUnavailableAndAfterwardsTheSameSessionIsBack() throws Exception {
        Session session = create(alice);

        redis.stop();
        assertThrows(SessionStoreUnavailableException.class, () -> store().sessions().get(session.id()));
        assertFalse(store().sessions().available());
        assertThrows(SessionStoreUnavailableException.class,
                () -> store().pendingLogins().put(new PendingLogin(random.next(), "n", "v", "/", "b")));
        redis.start();

        assertEquals(Optional.of(session), eventually(() -> store().sessions().get(session.id())));
        assertTrue(store().sessions().available());
    }

    @Test
    void refreshLeaseWhenHeldThenOthersWaitEvenPastItsLengthUntilReleased() throws Exception {
        try (RedisSessionStore a = RedisSessionStore.connect(storeConfig(), standard(), Clock.systemUTC(),
                Duration.ofMillis(300));
                RedisSessionStore b = RedisSessionStore.connect(storeConfig(), standard(), Clock.systemUTC(),
                        Duration.ofMillis(300))) {
            String id = random.next();
            RefreshLock.Lease held = a.refreshLock().tryAcquire(id).orElseThrow();

            assertFalse(b.refreshLock().tryAcquire(id).isPresent());
            Thread.sleep(1000);
            assertFalse(b.refreshLock().tryAcquire(id).isPresent(), "renewed while its holder lives");
            a.refreshLock().release(held);
            RefreshLock.Lease taken = b.refreshLock().tryAcquire(id).orElseThrow();
            a.refreshLock().release(held);
            assertFalse(a.refreshLock().tryAcquire(id).isPresent(), "a stale release frees nobody else's lease");
            b.refreshLock().release(taken);
        }
    }

    @Test
    void refreshLeaseWhenItsHolderDiesThenItFreesAfterItsLength() throws Exception {
        String id = random.next();
        RedisSessionStore dying = RedisSessionStore.connect(storeConfig(), standard(), Clock.systemUTC(),
                Duration.ofMillis(300));
        dying.refreshLock().tryAcquire(id).orElseThrow();
        dying.close();

        try (RedisSessionStore b = RedisSessionStore.connect(storeConfig(), standard(), Clock.systemUTC(),
                Duration.ofMillis(300))) {
            assertFalse(b.refreshLock().tryAcquire(id).isPresent());
            Thread.sleep(500);
            assertTrue(b.refreshLock().tryAcquire(id).isPresent());
        }
    }

    @Test
    void pendingLoginsWhenOverTheBoundThenTheOldestGoFirst() {
        try (SessionStore bounded = open(config(Duration.ofHours(1), 5, List.of(KEY)))) {
            List<PendingLogin> logins = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                PendingLogin login = new PendingLogin(random.next(), "n", "v", "/" + i, "b");
                logins.add(login);
                bounded.pendingLogins().put(login);
            }

            assertEquals(5, bounded.pendingLogins().count());
            assertFalse(bounded.pendingLogins().take(logins.get(0).state()).isPresent());
            assertEquals(Optional.of(logins.get(7)), bounded.pendingLogins().take(logins.get(7).state()));
        }
    }

    private static SessionConfig standard() {
        return config(Duration.ofHours(1), 100, List.of(KEY));
    }

    private static SessionStoreConfig.Redis storeConfig() {
        return (SessionStoreConfig.Redis) standard().store();
    }

    /** Retries while Redis is still coming back; the store refuses fast meanwhile. */
    static <T> T eventually(Supplier<T> action) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                return action.get();
            } catch (SessionStoreUnavailableException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
