package io.oidcgateway.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.config.SessionConfig;
import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.oidc.TokenResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every session store does, whichever it is: the memory store and the Redis store run
 * the same tests, so the gateway cannot tell them apart.
 */
public abstract class SessionStoreContract {
    protected final RandomTokens random = new RandomTokens(new SecureRandom());
    protected final IdentityClaims alice = identity("alice", "sid-1");
    protected final TokenResponse tokens = new TokenResponse("at", Optional.of("id"), Optional.of("rt"),
            Duration.ofHours(10));
    private SessionStore opened;

    /** The store under test, empty, for this configuration. */
    protected abstract SessionStore open(SessionConfig config);

    protected abstract SessionConfig config(long maxEntries, long maxPendingLogins);

    protected Clock clock() {
        return Clock.systemUTC();
    }

    protected final SessionStore store() {
        if (opened == null) {
            opened = open(config(10, 100));
        }
        return opened;
    }

    protected final Session create(IdentityClaims identity) {
        return new SessionStarter(store().sessions(), random, Duration.ofHours(8), clock()).start(identity, tokens);
    }

    protected static IdentityClaims identity(String subject, String sid) {
        return new IdentityClaims(subject, Optional.of(subject + "@example.com"), true, Optional.of("A. Person"),
                Optional.empty(), List.of("staff"), Optional.ofNullable(sid));
    }

    @AfterEach
    void closeStore() {
        if (opened != null) {
            opened.close();
        }
    }

    @Test
    void getWhenCreatedThenTheSameSessionUnderANewRandomId() {
        Session a = create(alice);
        Session b = create(alice);

        assertNotEquals(a.id(), b.id());
        assertEquals(Optional.of(a), store().sessions().get(a.id()));
    }

    @Test
    void getWhenMalformedOrUnknownIdThenEmpty() {
        create(alice);

        assertFalse(store().sessions().get("x").isPresent());
        assertFalse(store().sessions().get("A".repeat(5000)).isPresent());
        assertFalse(store().sessions().get(null).isPresent());
        assertFalse(store().sessions().get(random.next()).isPresent());
    }

    @Test
    void replaceWhenUnchangedSinceReadThenStoredElseRefused() {
        Session read = create(alice);
        Session refreshed = read.refreshed(new TokenResponse("at2", Optional.empty(), Optional.of("rt2"),
                Duration.ofHours(1)), Optional.empty(), clock().instant());
        Session stale = read.refreshed(new TokenResponse("at3", Optional.empty(), Optional.empty(),
                Duration.ofHours(1)), Optional.empty(), clock().instant());
        SessionRepository sessions = store().sessions();

        assertTrue(sessions.replace(read, refreshed));
        assertFalse(sessions.replace(read, stale), "the second writer read an older version");
        assertEquals(Optional.of(refreshed), sessions.get(read.id()));
        sessions.delete(read.id());
        assertFalse(sessions.replace(refreshed, stale), "an ended session is not brought back");
        assertFalse(sessions.get(read.id()).isPresent());
    }

    @Test
    void endWhenAnotherRefreshWonThenTheSessionStays() {
        Session read = create(alice);
        Session refreshed = read.refreshed(new TokenResponse("at2", Optional.empty(), Optional.of("rt2"),
                Duration.ofHours(1)), Optional.empty(), clock().instant());
        SessionRepository sessions = store().sessions();
        sessions.replace(read, refreshed);

        assertFalse(sessions.end(read), "a stale reader does not end the renewed session");
        assertTrue(sessions.get(read.id()).isPresent());
        assertTrue(sessions.end(refreshed));
        assertFalse(sessions.get(read.id()).isPresent());
    }

    @Test
    void deleteByIdpSessionOrSubjectThenOnlyThoseEnd() {
        Session a1 = create(alice);
        Session a2 = create(identity("alice", "sid-2"));
        Session b = create(identity("bob", "sid-1b"));
        SessionRepository sessions = store().sessions();

        assertEquals(1, sessions.deleteByIdpSession("sid-1"));
        assertFalse(sessions.get(a1.id()).isPresent());
        assertTrue(sessions.get(a2.id()).isPresent());
        assertEquals(1, sessions.deleteBySubject("alice"));
        assertFalse(sessions.get(a2.id()).isPresent());
        assertTrue(sessions.get(b.id()).isPresent());
        assertEquals(0, sessions.deleteByIdpSession("unknown"));
    }

    @Test
    void countWhenCreatedAndDeletedThenFollows() {
        Session a = create(alice);
        create(identity("bob", null));
        assertEquals(2, store().sessions().count());

        store().sessions().delete(a.id());
        assertEquals(1, store().sessions().count());
    }

    @Test
    void takeWhenTakenTwiceThenTheSecondFindsNothing() {
        PendingLogin login = new PendingLogin(random.next(), random.next(), random.next(), "/x?y=1", random.next());
        store().pendingLogins().put(login);

        assertEquals(1, store().pendingLogins().count());
        assertEquals(Optional.of(login), store().pendingLogins().take(login.state()));
        assertFalse(store().pendingLogins().take(login.state()).isPresent());
        assertFalse(store().pendingLogins().take("not-a-state").isPresent());
    }

    @Test
    void pendingLoginsWhenStormThenBoundedAndSessionsUntouched() {
        SessionStore bounded = open(config(10, 100));
        try {
            Session s = new SessionStarter(bounded.sessions(), random, Duration.ofHours(8), clock()).start(alice, tokens);
            for (int i = 0; i < 500; i++) {
                bounded.pendingLogins().put(new PendingLogin(random.next(), "n", "v", "/", "b"));
            }

            assertTrue(bounded.pendingLogins().count() <= 100, "pending " + bounded.pendingLogins().count());
            assertTrue(bounded.sessions().get(s.id()).isPresent());
        } finally {
            bounded.close();
        }
    }

    @Test
    void availableWhenTheStoreAnswersThenTrue() {
        assertTrue(store().sessions().available());
        assertTrue(store().pendingLogins().available());
    }
}
