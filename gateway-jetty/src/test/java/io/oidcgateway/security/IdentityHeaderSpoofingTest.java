package io.oidcgateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Forged identity headers, in every spelling and with the hop-by-hop trick: the upstream sees the real identity or none. */
class IdentityHeaderSpoofingTest {
    static final String ALICE = "a1b2c3d4-0000-4000-8000-000000000001";
    static final String[] FORGED = {
            "X-Forwarded-User: admin", "x-forwarded-user: admin2", "X_Forwarded_User: admin3",
            "X-FORWARDED-EMAIL: boss@example.com", "X-Forwarded-Email: boss2@example.com",
            "X-Forwarded-Groups: admins", "X-Forwarded-Preferred-Username: root",
            "X-Auth-Request-User: admin", "X-Auth-Request-Email: boss@example.com", "x_auth_request_user: admin",
            "X-Forwarded-Access-Token: forged", "Authorization: Bearer forged", "Proxy-Authorization: Basic Zm9vOmJhcg==",
            "X-Original-URL: /admin", "X-Rewrite-URL: /admin", "Accept: application/json",
            "Connection: close, X-Forwarded-User, X-Forwarded-Email, Authorization"};

    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> seenUpstream(RawHttp.Response r) throws Exception {
        assertEquals(200, r.status(), r.toString());
        return (Map<String, List<String>>) JsonUtil.parseJson(r.body()).get("headers");
    }

    private static List<String> valuesOf(Map<String, List<String>> headers, String name) {
        String normalized = name.toLowerCase(Locale.ROOT).replace('_', '-');
        return headers.entrySet().stream()
                .filter(e -> e.getKey().toLowerCase(Locale.ROOT).replace('_', '-').equals(normalized))
                .flatMap(e -> e.getValue().stream()).toList();
    }

    @Test
    void withSessionThenUpstreamSeesOnlyTheRealIdentity() throws Exception {
        try (AttackSurface s = new AttackSurface(dir, Map.of())) {
            String cookie = s.signIn("alice");
            String[] headers = java.util.Arrays.copyOf(FORGED, FORGED.length + 1);
            headers[FORGED.length] = "Cookie: gateway_session=" + cookie;

            Map<String, List<String>> seen = seenUpstream(RawHttp.get(s.gateway, "/data", headers));

            assertEquals(List.of(ALICE), valuesOf(seen, "X-Forwarded-User"));
            assertEquals(List.of("alice@example.com"), valuesOf(seen, "X-Forwarded-Email"));
            assertEquals(List.of("engineering,admins"), valuesOf(seen, "X-Forwarded-Groups"));
            assertEquals(List.of("alice"), valuesOf(seen, "X-Forwarded-Preferred-Username"));
            assertEquals(1, valuesOf(seen, "Authorization").size());
            assertFalse(valuesOf(seen, "Authorization").get(0).contains("forged"));
            for (String gone : List.of("X-Auth-Request-User", "X-Auth-Request-Email", "X-Forwarded-Access-Token",
                    "Proxy-Authorization", "X-Original-URL", "X-Rewrite-URL")) {
                assertEquals(List.of(), valuesOf(seen, gone), gone);
            }
        }
    }

    @Test
    void onSkipPathThenNoIdentityAtAll() throws Exception {
        try (AttackSurface s = new AttackSurface(dir, Map.of("access.skip-paths", "/public"))) {
            Map<String, List<String>> seen = seenUpstream(RawHttp.get(s.gateway, "/public/x", FORGED));

            for (String gone : List.of("X-Forwarded-User", "X-Forwarded-Email", "X-Forwarded-Groups", "Authorization",
                    "X-Auth-Request-User", "X-Forwarded-Preferred-Username", "Proxy-Authorization", "X-Original-URL")) {
                assertEquals(List.of(), valuesOf(seen, gone), gone);
            }
        }
    }

    @Test
    void withoutSessionThenNothingReachesTheUpstream() throws Exception {
        try (AttackSurface s = new AttackSurface(dir, Map.of())) {
            RawHttp.Response r = RawHttp.get(s.gateway, "/data", FORGED);

            assertEquals(401, r.status(), r.toString());
            assertTrue(r.body().contains("unauthorized"));
        }
    }
}
