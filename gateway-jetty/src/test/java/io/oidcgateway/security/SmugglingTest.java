package io.oidcgateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Request smuggling and hop-by-hop tricks on a skip path, where an accepted request would reach the upstream. */
class SmugglingTest {
    @TempDir
    Path dir;

    private static RawHttp.Response post(AttackSurface s, String headers, String body) throws Exception {
        return RawHttp.send(s.gateway, "POST /public/x HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\n" + headers,
                body);
    }

    @Test
    void ambiguousBodyLengthsThen400AndNothingSmuggled() throws Exception {
        try (AttackSurface s = new AttackSurface(dir, Map.of("access.skip-paths", "/public"))) {
            String smuggled = "GET /admin HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\n\r\n";
            RawHttp.Response duplicate = post(s, "Content-Length: 5\r\nContent-Length: 6", "hello!");
            RawHttp.Response clTe = post(s, "Content-Length: 5\r\nTransfer-Encoding: chunked", "0\r\n\r\n" + smuggled);
            RawHttp.Response plus = post(s, "Content-Length: +5", "hello");
            RawHttp.Response teObfuscated = post(s, "Transfer-Encoding: xchunked\r\nContent-Length: 5",
                    "0\r\n\r\n" + smuggled);

            for (RawHttp.Response r : new RawHttp.Response[] {duplicate, clTe, plus, teObfuscated}) {
                assertTrue(r.status() == 400 || r.status() == 501, r.toString());
                assertFalse(r.toString().contains("\"uri\":\"/admin\""), "smuggled request reached the upstream: " + r);
            }
        }
    }

    @Test
    void proxyAuthorizationThenStrippedBeforeTheUpstream() throws Exception {
        try (AttackSurface s = new AttackSurface(dir, Map.of("access.skip-paths", "/public"))) {
            RawHttp.Response r = RawHttp.get(s.gateway, "/public/x", "Accept: application/json",
                    "Proxy-Authorization: Basic Zm9vOmJhcg==", "Connection: close, Proxy-Authorization");

            assertEquals(200, r.status(), r.toString());
            assertFalse(r.body().toLowerCase().contains("proxy-authorization"), r.body());
        }
    }
}
