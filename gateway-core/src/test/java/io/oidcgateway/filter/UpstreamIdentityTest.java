package io.oidcgateway.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.config.IdentityHeaders;
import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.oidc.TokenResponse;
import io.oidcgateway.session.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UpstreamIdentityTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final IdentityHeaders ALL = new IdentityHeaders(true, true, true, true, true, true);
    private static final IdentityClaims ALICE = new IdentityClaims("alice-sub", Optional.of("alice@example.com"), true,
            Optional.of("Alice"), Optional.of("alice"), List.of("staff", "x,admins", "ops"), Optional.of("sid-1"));

    @Test
    void aSessionsHeadersAsTheSettingsChooseThem() {
        Map<String, List<String>> headers = asMap(new UpstreamIdentity(ALL).of(session(ALICE, "at-1")));

        assertEquals(List.of("Bearer at-1"), headers.get("Authorization"));
        assertEquals(List.of("alice-sub"), headers.get("X-Forwarded-User"));
        assertEquals(List.of("alice@example.com"), headers.get("X-Forwarded-Email"));
        assertEquals(List.of("alice"), headers.get("X-Forwarded-Preferred-Username"));
        assertEquals(List.of("staff,ops"), headers.get("X-Forwarded-Groups"), "a group with a comma is left out");
        assertEquals(List.of("id-token-1"), headers.get("X-Forwarded-Id-Token"));
    }

    @Test
    void onlyWhatIsTurnedOnAndWhatCanBeSentUnchanged() {
        IdentityClaims odd = new IdentityClaims("bob\r\nX-Admin: yes", Optional.of("bob@example.com"), false,
                Optional.empty(), Optional.of("bob"), List.of(), Optional.empty());
        Map<String, List<String>> headers = asMap(new UpstreamIdentity(IdentityHeaders.DEFAULTS).of(session(odd, "at")));

        assertEquals(List.of("Authorization", "X-Forwarded-Preferred-Username"), List.copyOf(headers.keySet()),
                "no subject that would not arrive unchanged, no unverified e-mail, no groups, no ID token by default");
    }

    @Test
    void madeOncePerSessionAndAgainForItsRefreshedSelf() {
        UpstreamIdentity upstream = new UpstreamIdentity(ALL);
        Session session = session(ALICE, "at-1");
        Session refreshed = session.refreshed(new TokenResponse("at-2", Optional.empty(), Optional.empty(),
                Duration.ofHours(1)), Optional.empty(), NOW);

        CallerHeaders first = upstream.of(session);

        assertSame(first, upstream.of(session), "the same session object: the same headers, not made again");
        assertTrue(first.perSession(), "the proxy may keep what it makes from them");
        assertNotSame(first, upstream.of(refreshed));
        assertEquals(List.of("Bearer at-2"), asMap(upstream.of(refreshed)).get("Authorization"));
        assertEquals(List.of("id-token-1"), asMap(upstream.of(refreshed)).get("X-Forwarded-Id-Token"),
                "a token the IdP did not rotate is kept");
    }

    @Test
    void anApiClientSendsItsOwnTokenAndNoIdToken() {
        CallerHeaders made = new UpstreamIdentity(ALL).of(CallerIdentity.ofBearer(ALICE, "api"));
        Map<String, List<String>> headers = asMap(made);

        assertFalse(made.perSession(), "made for one request: nothing made from them is worth keeping");
        assertEquals(List.of("Bearer api"), headers.get("Authorization"));
        assertEquals(null, headers.get("X-Forwarded-Id-Token"));
        assertEquals(List.of("alice-sub"), headers.get("X-Forwarded-User"));
    }

    private static Session session(IdentityClaims who, String accessToken) {
        return new Session("s".repeat(43), 0, who, accessToken, NOW.plusSeconds(3600), Optional.of("rt"),
                Optional.of("id-token-1"), NOW, NOW.plusSeconds(28_800));
    }

    private static Map<String, List<String>> asMap(CallerHeaders headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        headers.entries().forEach(h -> map.put(h.getKey(), h.getValue()));
        return map;
    }
}
