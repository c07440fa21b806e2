package io.oidcgateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.testing.CapturedStderr;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's own pages refuse to be framed (clickjacking of sign-in and sign-out), the
 * application's pages are left as the application sends them, and text from outside never
 * writes a log line of its own.
 */
class OwnPagesTest {
    @TempDir
    Path dir;

    private static void assertNotFramable(RawHttp.Response r, String what) {
        assertEquals("frame-ancestors 'none'", r.header("Content-Security-Policy"), what + ": " + r.head());
        assertEquals("DENY", r.header("X-Frame-Options"), what + ": " + r.head());
    }

    @Test
    void gatewayPagesThenNotFramableAndUpstreamPagesUntouched() throws Exception {
        try (AttackSurface s = new AttackSurface(dir, Map.of())) {
            String cookie = s.signIn("alice");
            assertNotFramable(RawHttp.get(s.gateway, "/oauth2/userinfo", "Cookie: gateway_session=" + cookie),
                    "userinfo");
            assertNotFramable(RawHttp.get(s.gateway, "/oauth2/start"), "start");
            assertNotFramable(RawHttp.get(s.gateway, "/oauth2/callback?state=x", "Accept: text/html"), "error page");
            assertNotFramable(RawHttp.get(s.gateway, "/x", "Accept: application/json"), "401");
            assertNotFramable(RawHttp.get(s.gateway, "/a/../b", "Accept: text/html"), "400");
            assertNotFramable(RawHttp.get(s.gateway, "/healthz"), "healthz");

            RawHttp.Response app = RawHttp.get(s.gateway, "/x", "Cookie: gateway_session=" + cookie);
            assertEquals(200, app.status(), app.toString());
            assertNull(app.header("X-Frame-Options"), "the application decides how its own pages may be framed");
            assertNull(app.header("Content-Security-Policy"));
        }
    }

    @Test
    void callbackErrorDescriptionWithLineBreaksThenOneLogLine() throws Exception {
        try (AttackSurface s = new AttackSurface(dir, Map.of()); CapturedStderr log = new CapturedStderr()) {
            RawHttp.Response start = RawHttp.get(s.gateway, "/oauth2/start");
            String state = URI.create(start.header("Location")).getQuery().replaceAll(".*state=([^&]*).*", "$1");
            String binding = start.header("Set-Cookie").split(";")[0];
            String forged = "ok\r\n2026-12-01 12:00:00.000:INFO :io.oidcgateway: FORGED login of admin completed";

            RawHttp.Response r = RawHttp.get(s.gateway, "/oauth2/callback?state=" + state + "&error=access_denied"
                    + "&error_description=" + URLEncoder.encode(forged, StandardCharsets.UTF_8), "Cookie: " + binding,
                    "Accept: text/html");

            assertEquals(403, r.status(), r.toString());
            List<String> lines = log.text().lines().filter(l -> l.contains("FORGED")).toList();
            assertEquals(1, lines.size(), log.text());
            assertTrue(lines.get(0).contains("idp_error") && lines.get(0).contains("ok\\u000d\\u000a2026"), lines.get(0));
            assertFalse(lines.get(0).startsWith("2026-12-01 12:00:00.000:INFO :io.oidcgateway: FORGED"));
        }
    }
}
