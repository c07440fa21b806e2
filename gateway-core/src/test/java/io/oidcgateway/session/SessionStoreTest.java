package io.oidcgateway.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.config.SessionConfig;
import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.oidc.TokenResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionStoreTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T08:00:00Z"));
    final RandomTokens random = new RandomTokens(new SecureRandom());
    final IdentityClaims alice = new IdentityClaims("alice", Optional.empty(), true, Optional.empty(), Optional.empty(),
            List.of(), Optional.empty());
    final TokenResponse tokens = new TokenResponse("at", Optional.of("id"), Optional.of("rt"), Duration.ofHours(10));

    private static SessionConfig config(Duration ttl, Duration idle, long max) {
        return new SessionConfig("s", ttl, idle, max, Duration.ofMinutes(10), 100, Duration.ofSeconds(60));
    }

    @Test
    void createWhenCalledTwiceThenNewRandom256BitIds() {
        SessionStore store = new SessionStore(config(Duration.ofHours(8), Duration.ofHours(1), 10), clock, random);

        Session a = store.create(alice, tokens);
        Session b = store.create(alice, tokens);

        assertNotEquals(a.id(), b.id());
        assertEquals(43, a.id().length());
        assertTrue(store.find(a.id()).isPresent());
    }

    @Test
    void findWhenIdleLongerThanIdleTimeoutThenGone() {
        SessionStore store = new SessionStore(config(Duration.ofHours(8), Duration.ofMinutes(30), 10), clock, random);
        Session s = store.create(alice, tokens);

        clock.advance(Duration.ofMinutes(29));
        assertTrue(store.find(s.id()).isPresent(), "use within the idle timeout keeps it");
        clock.advance(Duration.ofMinutes(29));
        assertTrue(store.find(s.id()).isPresent(), "the idle timeout counts from the last use");
        clock.advance(Duration.ofMinutes(31));
        assertFalse(store.find(s.id()).isPresent());
    }

    @Test
    void findWhenPastAbsoluteTtlThenGoneEvenIfUsedConstantly() {
        SessionStore store = new SessionStore(config(Duration.ofHours(2), Duration.ofHours(1), 10), clock, random);
        Session s = store.create(alice, tokens);

        for (int i = 0; i < 7; i++) {
            clock.advance(Duration.ofMinutes(17));
            assertTrue(store.find(s.id()).isPresent(), "minute " + (i + 1) * 17);
        }
        clock.advance(Duration.ofMinutes(2));
        assertFalse(store.find(s.id()).isPresent());
    }

    @Test
    void createWhenMoreThanMaxEntriesThenBounded() {
        SessionStore store = new SessionStore(config(Duration.ofHours(8), Duration.ofHours(1), 50), clock, random);
        for (int i = 0; i < 500; i++) {
            store.create(alice, tokens);
        }
        assertTrue(store.size() <= 50, "size " + store.size());
    }

    @Test
    void findWhenMalformedIdThenEmptyWithoutLookup() {
        SessionStore store = new SessionStore(config(Duration.ofHours(8), Duration.ofHours(1), 10), clock, random);

        assertFalse(store.find("x").isPresent());
        assertFalse(store.find("A".repeat(5000)).isPresent());
        assertFalse(store.find(null).isPresent());
    }

    @Test
    void sessionToStringShowsNoToken() {
        SessionStore store = new SessionStore(config(Duration.ofHours(8), Duration.ofHours(1), 10), clock, random);
        String text = store.create(alice, new TokenResponse("SECRET-AT", Optional.of("SECRET-ID"),
                Optional.of("SECRET-RT"), Duration.ofMinutes(5))).toString();

        assertFalse(text.contains("SECRET"), text);
    }

    @Test
    void pendingLoginWhenTakenTwiceThenSecondFindsNothing() {
        PendingLoginStore store = new PendingLoginStore(config(Duration.ofHours(8), Duration.ofHours(1), 10), clock);
        PendingLogin login = new PendingLogin(random.next(), random.next(), random.next(), "/", random.next());
        store.put(login);

        assertEquals(login, store.take(login.state()).orElseThrow());
        assertFalse(store.take(login.state()).isPresent());
    }

    @Test
    void pendingLoginWhenOlderThanLoginTimeoutThenGone() {
        PendingLoginStore store = new PendingLoginStore(config(Duration.ofHours(8), Duration.ofHours(1), 10), clock);
        PendingLogin login = new PendingLogin(random.next(), random.next(), random.next(), "/", random.next());
        store.put(login);

        clock.advance(Duration.ofMinutes(11));

        assertFalse(store.take(login.state()).isPresent());
    }

    @Test
    void pendingLoginsWhenStormThenBoundedAndSessionsUntouched() {
        SessionConfig config = config(Duration.ofHours(8), Duration.ofHours(1), 10);
        SessionStore sessions = new SessionStore(config, clock, random);
        PendingLoginStore pending = new PendingLoginStore(config, clock);
        Session s = sessions.create(alice, tokens);

        for (int i = 0; i < 5_000; i++) {
            pending.put(new PendingLogin(random.next(), "n", "v", "/", "b"));
        }

        assertTrue(pending.size() <= 100, "pending " + pending.size());
        assertTrue(sessions.find(s.id()).isPresent());
    }
}
