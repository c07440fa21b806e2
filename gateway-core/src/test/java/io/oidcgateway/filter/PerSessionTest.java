package io.oidcgateway.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.session.Session;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PerSessionTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void madeOncePerSessionObjectAndAgainForAnEqualButNewOne() {
        AtomicInteger made = new AtomicInteger();
        PerSession<String> values = new PerSession<>(s -> s.accessToken() + "#" + made.incrementAndGet());
        Session session = session();
        Session readAgain = session();

        assertEquals("at#1", values.get(session));
        assertEquals("at#1", values.get(session));
        assertEquals(session, readAgain, "equal, as a session read again from Redis is");
        assertEquals("at#2", values.get(readAgain), "but another object: made again, never taken for the other");
        assertEquals(2, made.get());
    }

    private static Session session() {
        IdentityClaims who = new IdentityClaims("alice", Optional.empty(), false, Optional.empty(), Optional.empty(),
                List.of(), Optional.empty());
        return new Session("s".repeat(43), 0, who, "at", NOW.plusSeconds(60), Optional.empty(), Optional.empty(), NOW,
                NOW.plusSeconds(3600));
    }
}
