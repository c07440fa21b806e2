package io.oidcgateway.session.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.session.Session;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionJsonTest {
    static final Instant NOW = Instant.parse("2026-12-01T10:00:00.123456789Z");

    static Session full() {
        return new Session("id-1", 7, new IdentityClaims("sub-ł", Optional.of("łucja@example.com"), true,
                Optional.of("Łucja Ż"), Optional.of("lucja"), List.of("g1", "grupa ż"), Optional.of("sid-9")),
                "eyJ.access.token", NOW.plusSeconds(3600), Optional.of("refresh-token"), Optional.of("eyJ.id.token"),
                NOW, NOW.plusSeconds(28_800));
    }

    static Session bare() {
        return new Session("id-2", 0, new IdentityClaims("sub", Optional.empty(), false, Optional.empty(),
                Optional.empty(), List.of(), Optional.empty()), "at", NOW, Optional.empty(), Optional.empty(), NOW, NOW);
    }

    @Test
    void sessionsWithEveryFieldOrNoneThenReadBackEqual() {
        for (Session s : List.of(full(), bare())) {
            byte[] stored = SessionJson.session(s);

            assertEquals(SessionBytes.FORMAT, stored[0]);
            assertEquals(s, SessionJson.session(s.id(), stored));
        }
    }

    @Test
    void sessionStoredAsJsonByAnEarlierVersionThenStillRead() {
        for (Session s : List.of(full(), bare())) {
            byte[] legacy = SessionJson.legacySession(s);

            assertEquals('{', legacy[0]);
            assertEquals(s, SessionJson.session(s.id(), legacy));
        }
    }

    @Test
    void theBinaryFormIsSmallerThanTheJson() {
        assertTrue(SessionJson.session(full()).length < SessionJson.legacySession(full()).length);
    }

    @Test
    void cutShortOrOfAnUnknownFormatThenRefusedNotMisread() {
        byte[] stored = SessionJson.session(full());

        assertThrows(IllegalStateException.class,
                () -> SessionJson.session("id-1", Arrays.copyOf(stored, stored.length / 2)));
        stored[0] = 9;
        assertThrows(IllegalStateException.class, () -> SessionJson.session("id-1", stored));
    }
}
