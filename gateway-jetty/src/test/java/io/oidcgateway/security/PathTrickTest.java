package io.oidcgateway.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paths that try to reach /admin through the skip-auth prefix /public: never upstream content. */
class PathTrickTest {
    static final List<String> TRICKS = List.of("/admin?x=/public", "/admin%23/public", "/public/../admin",
            "/public/%2e%2e/admin", "/public/%2E%2E/admin", "/public%2f..%2fadmin", "/public%2F..%2Fadmin",
            "//admin", "/admin;x", "/admin;/public", "/public;/../admin", "/admin%0a", "/admin%00/public",
            "/./admin", "/public/..;/admin", "/%70ublic/../admin", "/admin/%2e%2e/public");

    @TempDir
    Path dir;

    private static void assertRefused(RawHttp.Response r, String what) {
        assertTrue(r.status() == 400 || r.status() == 401 || r.status() == 302 || r.status() == 404, what + ": " + r);
        assertFalse(r.body().contains("\"method\""), what + " reached the upstream: " + r);
    }

    @Test
    void pathTricksAgainstSkipPrefixThenNeverUpstreamContent() throws Exception {
        try (AttackSurface s = new AttackSurface(dir, Map.of("access.skip-paths", "/public"))) {
            for (String trick : TRICKS) {
                RawHttp.Response r = RawHttp.get(s.gateway, trick, "Accept: application/json");
                String target = r.status() == 200 ? "?" : "";
                assertRefused(r, trick + target);
            }
            assertTrue(RawHttp.get(s.gateway, "/public/ok", "Accept: application/json").body().contains("\"method\""),
                    "the skip path itself still works");
        }
    }

    @Test
    void lowerCaseMethodThenNotMistakenForGet() throws Exception {
        try (AttackSurface s = new AttackSurface(dir, Map.of("access.skip-paths", "GET /public"))) {
            RawHttp.Response admin = RawHttp.send(s.gateway, "get /admin HTTP/1.1\r\nHost: x\r\nAccept: text/html"
                    + "\r\nConnection: close", "");
            RawHttp.Response skip = RawHttp.send(s.gateway, "get /public/x HTTP/1.1\r\nHost: x\r\nAccept: text/html"
                    + "\r\nConnection: close", "");

            assertRefused(admin, "get /admin");
            assertRefused(skip, "get /public/x (the skip path is for GET only)");
        }
    }
}
