package io.oidcgateway.session.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.session.Session;
import io.oidcgateway.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules of a copy, without Redis: what may be kept, and when it may no longer be used. */
class LocalSessionCopiesTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    final LocalSessionCopies copies = new LocalSessionCopies(Duration.ofSeconds(1), Duration.ofHours(1), 100, clock);
    final Session session = new Session("id-1", 0, new IdentityClaims("alice", Optional.empty(), false,
            Optional.empty(), Optional.empty(), List.of(), Optional.empty()), "at", clock.instant().plusSeconds(3600),
            Optional.empty(), Optional.empty(), clock.instant(), clock.instant().plusSeconds(5));

    @Test
    void keepWhenHearingThenUsedUntilTheLifetimeEnds() {
        copies.startHearing();
        copies.keep("id-1", "gw:s:k1", session, copies.dropsSoFar());

        assertEquals(Optional.of(session), copies.get("id-1"));
        clock.advance(Duration.ofMillis(999));
        assertTrue(copies.get("id-1").isPresent());
        clock.advance(Duration.ofMillis(1));
        assertFalse(copies.get("id-1").isPresent());
    }

    @Test
    void keepWhenNotHearingChangesThenNothingIsKept() {
        copies.keep("id-1", "gw:s:k1", session, copies.dropsSoFar());
        copies.startHearing();

        assertFalse(copies.get("id-1").isPresent());
    }

    @Test
    void keepWhenAChangeWasHeardDuringTheReadThenNothingIsKept() {
        copies.startHearing();
        long before = copies.dropsSoFar();
        copies.dropKey("gw:s:some-other-session");

        copies.keep("id-1", "gw:s:k1", session, before);

        assertFalse(copies.get("id-1").isPresent(), "the read may be older than the change");
    }

    @Test
    void dropKeyThenTheCopyStoredUnderThatKeyIsGoneAndOthersStay() {
        copies.startHearing();
        copies.keep("id-1", "gw:s:k1", session, copies.dropsSoFar());
        copies.keep("id-2", "gw:s:k2", session, copies.dropsSoFar());

        copies.dropKey("gw:s:k1");

        assertFalse(copies.get("id-1").isPresent());
        assertTrue(copies.get("id-2").isPresent());
    }

    @Test
    void stopHearingThenEveryCopyIsGoneAndStaysGoneWhenHearingAgain() {
        copies.startHearing();
        copies.keep("id-1", "gw:s:k1", session, copies.dropsSoFar());

        copies.stopHearing();
        assertFalse(copies.get("id-1").isPresent());
        copies.startHearing();

        assertFalse(copies.get("id-1").isPresent(), "a change may have been missed meanwhile");
    }

    @Test
    void getWhenTheSessionHasReachedItsEndThenNoCopy() {
        LocalSessionCopies longLived = new LocalSessionCopies(Duration.ofMinutes(5), Duration.ofHours(1), 100, clock);
        longLived.startHearing();
        longLived.keep("id-1", "gw:s:k1", session, longLived.dropsSoFar());

        clock.advance(Duration.ofSeconds(5));

        assertFalse(longLived.get("id-1").isPresent(), "session.ttl ends it, copy or not");
    }

    @Test
    void lifetimeWhenZeroThenNothingIsEverKept() {
        LocalSessionCopies none = new LocalSessionCopies(Duration.ZERO, Duration.ofHours(1), 100, clock);
        none.startHearing();
        none.keep("id-1", "gw:s:k1", session, none.dropsSoFar());

        assertFalse(none.enabled());
        assertFalse(none.get("id-1").isPresent());
    }
}
