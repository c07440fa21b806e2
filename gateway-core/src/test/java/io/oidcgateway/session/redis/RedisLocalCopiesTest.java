package io.oidcgateway.session.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.oidcgateway.config.Secret;
import io.oidcgateway.config.SessionConfig;
import io.oidcgateway.config.SessionStoreConfig;
import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.oidc.TokenResponse;
import io.oidcgateway.session.RandomTokens;
import io.oidcgateway.session.Session;
import io.oidcgateway.session.SessionStarter;
import io.oidcgateway.session.SessionStoreUnavailableException;
import io.oidcgateway.testing.MutableClock;
import io.oidcgateway.testing.RedisServer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Copies of sessions kept by each instance ({@code session.redis-local-cache}), against a real
 * redis-server with two stores on it as two instances: a burst reads Redis once, and no copy
 * outlives a change made by any instance, its lifetime, or this instance's hearing of changes.
 */
class RedisLocalCopiesTest {
    static RedisServer redis;
    static final Duration MINUTE = Duration.ofMinutes(1);

    final MutableClock clock = new MutableClock(Instant.now());
    final RandomTokens random = new RandomTokens(new SecureRandom());
    final IdentityClaims alice = new IdentityClaims("alice", Optional.empty(), false, Optional.empty(),
            Optional.empty(), List.of(), Optional.of("sid-1"));
    final List<RedisSessionStore> opened = new ArrayList<>();

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
        redis.cli("CONFIG", "RESETSTAT");
    }

    @AfterEach
    void close() {
        opened.forEach(RedisSessionStore::close);
    }

    /** An instance whose copies live {@code localCache}, once it hears changes (when it keeps copies at all). */
    RedisSessionStore instance(Duration localCache, Duration idleTimeout, String url) {
        SessionConfig config = new SessionConfig("s", Duration.ofHours(8), idleTimeout, 1000, Duration.ofMinutes(10),
                100, Duration.ofSeconds(60), Optional.empty(), new SessionStoreConfig.Redis(new Secret(url), false,
                List.of(RedisSessionStoreTest.KEY), localCache), true);
        RedisSessionStore store = RedisSessionStore.connect((SessionStoreConfig.Redis) config.store(), config, clock);
        opened.add(store);
        if (!localCache.isZero()) {
            eventually("the instance subscribes to changes", store::hearsChanges);
        }
        return store;
    }

    RedisSessionStore instance(Duration localCache) {
        return instance(localCache, Duration.ofHours(1), redis.url());
    }

    Session signIn(RedisSessionStore store) {
        return new SessionStarter(store.sessions(), random, Duration.ofHours(8), clock).start(alice,
                new TokenResponse("at", Optional.of("id"), Optional.of("rt"), Duration.ofHours(1)));
    }

    /** How many reads of a session Redis has served: each runs the read script once (EVALSHA, or EVAL the first time). */
    static long reads() {
        Matcher m = Pattern.compile("cmdstat_eval(?:sha)?:calls=(\\d+)").matcher(redis.cli("INFO", "commandstats"));
        long calls = 0;
        while (m.find()) {
            calls += Long.parseLong(m.group(1));
        }
        return calls;
    }

    static void eventually(String what, BooleanSupplier condition) {
        long giveUp = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > giveUp) {
                fail("not within 5 s: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void getWhenABurstOfRequestsThenRedisIsReadOnceAndAgainAfterTheLifetime() {
        RedisSessionStore a = instance(Duration.ofSeconds(1));
        Session session = signIn(a);
        long before = reads();

        for (int i = 0; i < 50; i++) {
            assertEquals(Optional.of(session), a.sessions().get(session.id()));
        }
        assertEquals(1, reads() - before, "50 requests of one session within a second, one read of Redis");

        clock.advance(Duration.ofMillis(1001));
        assertEquals(Optional.of(session), a.sessions().get(session.id()));
        assertEquals(2, reads() - before, "read again, which pushes its idle timeout on in Redis");
    }

    @Test
    void getWhenLocalCacheIsZeroThenEveryRequestReadsRedis() {
        RedisSessionStore a = instance(Duration.ZERO);
        Session session = signIn(a);
        long before = reads();

        for (int i = 0; i < 5; i++) {
            assertTrue(a.sessions().get(session.id()).isPresent());
        }
        assertEquals(5, reads() - before);
    }

    @Test
    void getWhenTheIdleTimeoutIsShortThenACopyLivesATenthOfIt() {
        RedisSessionStore a = instance(MINUTE, Duration.ofSeconds(10), redis.url());
        Session session = signIn(a);
        a.sessions().get(session.id());
        long before = reads();

        clock.advance(Duration.ofMillis(900));
        a.sessions().get(session.id());
        assertEquals(0, reads() - before, "within a tenth of the idle timeout: the copy");
        clock.advance(Duration.ofMillis(200));
        a.sessions().get(session.id());
        assertEquals(1, reads() - before, "past it: Redis, so the session's idle timeout moves on there");
    }

    @Test
    void getWhenTheSessionIsRemovedBehindTheGatewaysBackThenTheCopyIsUsedUntilItsLifetimeEnds() {
        // What makes copies safe is that every change by an instance is published: this one is not.
        RedisSessionStore a = instance(MINUTE);
        Session session = signIn(a);
        a.sessions().get(session.id());
        redis.cli("FLUSHALL");

        assertTrue(a.sessions().get(session.id()).isPresent(), "the copy was used");
        assertFalse(a.sessions().getLatest(session.id()).isPresent(), "getLatest reads past the copy");
        assertFalse(a.sessions().get(session.id()).isPresent());
    }

    @Test
    void getWhenAnotherInstanceSignsTheSessionOutThenThisOneDropsItsCopy() {
        RedisSessionStore a = instance(MINUTE);
        RedisSessionStore b = instance(MINUTE);
        Session session = signIn(a);
        assertTrue(a.sessions().get(session.id()).isPresent());

        b.sessions().delete(session.id());

        eventually("A drops its copy", () -> a.sessions().get(session.id()).isEmpty());
    }

    @Test
    void getWhenAnInstanceWithoutCopiesSignsTheSessionOutThenTheOthersStillHearOfIt() {
        RedisSessionStore a = instance(MINUTE);
        RedisSessionStore withoutCopies = instance(Duration.ZERO);
        Session session = signIn(a);
        assertTrue(a.sessions().get(session.id()).isPresent());

        withoutCopies.sessions().delete(session.id());

        eventually("A drops its copy", () -> a.sessions().get(session.id()).isEmpty());
    }

    @Test
    void getWhenAnotherInstanceRefreshesTheSessionThenThisOneReadsTheNewVersion() {
        RedisSessionStore a = instance(MINUTE);
        RedisSessionStore b = instance(MINUTE);
        Session session = signIn(a);
        a.sessions().get(session.id());
        Session refreshed = session.refreshed(new TokenResponse("at2", Optional.empty(), Optional.empty(),
                Duration.ofHours(1)), Optional.empty(), clock.instant());

        assertTrue(b.sessions().replace(b.sessions().get(session.id()).orElseThrow(), refreshed));

        eventually("A reads version 1", () -> a.sessions().get(session.id())
                .map(s -> s.accessToken().equals("at2")).orElse(false));
    }

    @Test
    void getWhenAnotherInstanceEndsTheUsersSessionsByLogoutThenThisOneDropsItsCopy() {
        RedisSessionStore a = instance(MINUTE);
        RedisSessionStore b = instance(MINUTE);
        Session session = signIn(a);
        a.sessions().get(session.id());

        assertEquals(1, b.sessions().deleteByIdpSession("sid-1"));

        eventually("A drops its copy", () -> a.sessions().get(session.id()).isEmpty());
    }

    @Test
    void getWhenThisInstanceChangesTheSessionThenItsCopyIsGoneAtOnce() {
        RedisSessionStore a = instance(MINUTE);
        Session session = signIn(a);
        a.sessions().get(session.id());

        assertTrue(a.sessions().end(session));

        assertFalse(a.sessions().get(session.id()).isPresent(), "not a moment later: at once");
    }

    @Test
    void getWhenThisInstanceEndsTheUsersSessionsByLogoutThenItsCopyIsGoneAtOnce() {
        RedisSessionStore a = instance(MINUTE);
        Session session = signIn(a);
        a.sessions().get(session.id());

        assertEquals(1, a.sessions().deleteBySubject("alice"));

        assertFalse(a.sessions().get(session.id()).isPresent(), "not when its own message comes back: at once");
    }

    @Test
    void getWhenRedisGoesAwayThenCopiesAreNotUsedAndWhenBackTheyAreAgain() {
        RedisSessionStore a = instance(MINUTE);
        Session session = signIn(a);
        a.sessions().get(session.id());

        redis.stop();
        eventually("A stops hearing changes", () -> !a.hearsChanges());
        assertThrows(SessionStoreUnavailableException.class, () -> a.sessions().get(session.id()),
                "a change made while it could not hear may have ended it: Redis must say");

        redis.start();
        eventually("A hears changes again", a::hearsChanges);
        eventually("the session is read again", () -> readable(a, session));
        long before = reads();
        a.sessions().get(session.id());
        assertEquals(0, reads() - before, "and copies are kept again");
    }

    private static boolean readable(RedisSessionStore store, Session session) {
        try {
            return store.sessions().get(session.id()).isPresent();
        } catch (SessionStoreUnavailableException e) {
            return false;
        }
    }

    @Test
    void getWhenAnAclRefusesTheChannelThenEveryRequestReadsRedisAndSignOutStillWorks() throws Exception {
        redis.cli("ACL", "SETUSER", "gw", "on", ">pw", "~*", "+@all", "resetchannels");
        try {
            String url = "redis://gw:pw@127.0.0.1:" + redis.port();
            RedisSessionStore a = instance(Duration.ZERO, Duration.ofHours(1), url);
            RedisSessionStore limited = RedisSessionStore.connect(new SessionStoreConfig.Redis(new Secret(url), false,
                    List.of(RedisSessionStoreTest.KEY), MINUTE), config(url), clock);
            opened.add(limited);
            Thread.sleep(500); // time enough to subscribe, were it allowed
            Session session = signIn(a);
            long before = reads();

            for (int i = 0; i < 3; i++) {
                assertTrue(limited.sessions().get(session.id()).isPresent());
            }
            assertFalse(limited.hearsChanges());
            assertEquals(3, reads() - before, "no copies without hearing changes");
            limited.sessions().delete(session.id());
            assertFalse(limited.sessions().get(session.id()).isPresent());
        } finally {
            redis.cli("ACL", "DELUSER", "gw");
        }
    }

    private SessionConfig config(String url) {
        return new SessionConfig("s", Duration.ofHours(8), Duration.ofHours(1), 1000, Duration.ofMinutes(10), 100,
                Duration.ofSeconds(60), Optional.empty(), new SessionStoreConfig.Redis(new Secret(url), false,
                List.of(RedisSessionStoreTest.KEY), MINUTE), true);
    }
}
