package io.oidcgateway.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.config.SessionConfig;
import io.oidcgateway.config.SessionStoreConfig;
import io.oidcgateway.testing.MutableClock;
import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.oidc.TokenResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The in-memory repositories' lifetimes and bounds on a clock the test turns; the rest is {@link SessionStoreContract}. */
class InMemoryRepositoriesTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T08:00:00Z"));
    final RandomTokens random = new RandomTokens(new SecureRandom());
    final IdentityClaims alice = new IdentityClaims("alice", Optional.empty(), true, Optional.empty(), Optional.empty(),
            List.of(), Optional.empty());
    final TokenResponse tokens = new TokenResponse("at", Optional.of("id"), Optional.of("rt"), Duration.ofHours(10));

    private static SessionConfig config(Duration ttl, Duration idle, long max) {
        return new SessionConfig("s", ttl, idle, max, Duration.ofMinutes(10), 100, Duration.ofSeconds(60),
                Optional.empty(), new SessionStoreConfig.Memory(), true);
    }

    /** A repository and the starter that creates its sessions, as the gateway pairs them. */
    private final class Store {
        final InMemorySessionRepository repository;
        final SessionStarter starter;

        Store(SessionConfig config) {
            repository = new InMemorySessionRepository(config, clock);
            starter = new SessionStarter(repository, random, config.ttl(), clock);
        }

        Session create(IdentityClaims identity, TokenResponse tokens) {
            return starter.start(identity, tokens);
        }

        Optional<Session> find(String id) {
            return repository.get(id);
        }

        long size() {
            return repository.count();
        }
    }

    @Test
    void findWhenIdleLongerThanIdleTimeoutThenGone() {
        Store store = new Store(config(Duration.ofHours(8), Duration.ofMinutes(30), 10));
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
        Store store = new Store(config(Duration.ofHours(2), Duration.ofHours(1), 10));
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
        Store store = new Store(config(Duration.ofHours(8), Duration.ofHours(1), 50));
        for (int i = 0; i < 500; i++) {
            store.create(alice, tokens);
        }
        assertTrue(store.size() <= 50, "size " + store.size());
    }

    @Test
    void sessionToStringShowsNoToken() {
        Store store = new Store(config(Duration.ofHours(8), Duration.ofHours(1), 10));
        String text = store.create(alice, new TokenResponse("SECRET-AT", Optional.of("SECRET-ID"),
                Optional.of("SECRET-RT"), Duration.ofMinutes(5))).toString();

        assertFalse(text.contains("SECRET"), text);
    }

    @Test
    void pendingLoginWhenOlderThanLoginTimeoutThenGone() {
        InMemoryPendingLoginRepository store = new InMemoryPendingLoginRepository(config(Duration.ofHours(8), Duration.ofHours(1), 10), clock);
        PendingLogin login = new PendingLogin(random.next(), random.next(), random.next(), "/", random.next());
        store.put(login);

        clock.advance(Duration.ofMinutes(11));

        assertFalse(store.take(login.state()).isPresent());
    }
}
