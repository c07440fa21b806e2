package io.oidcgateway.session.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.session.Session;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jose4j.json.JsonUtil;
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

    /** A session as earlier builds stored it: JSON with short member names. */
    static byte[] legacyJson(Session s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("v", s.version());
        IdentityClaims id = s.identity();
        m.put("sub", id.subject());
        id.claimedEmail().ifPresent(v -> m.put("em", v));
        m.put("ev", id.emailVerified());
        id.name().ifPresent(v -> m.put("nm", v));
        id.preferredUsername().ifPresent(v -> m.put("pu", v));
        m.put("gr", id.groups());
        id.sessionId().ifPresent(v -> m.put("sid", v));
        m.put("at", s.accessToken());
        m.put("ate", s.accessTokenExpiresAt().toString());
        s.refreshToken().ifPresent(v -> m.put("rt", v));
        s.idToken().ifPresent(v -> m.put("it", v));
        m.put("c", s.createdAt().toString());
        m.put("e", s.expiresAt().toString());
        return JsonUtil.toJson(m).getBytes(StandardCharsets.UTF_8);
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
            byte[] legacy = legacyJson(s);

            assertEquals('{', legacy[0]);
            assertEquals(s, SessionJson.session(s.id(), legacy));
        }
    }

    @Test
    void theBinaryFormIsSmallerThanTheJson() {
        assertTrue(SessionJson.session(full()).length < legacyJson(full()).length);
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
