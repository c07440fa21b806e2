package io.oidcgateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.e2e.GatewayFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One path for every decision: a path that servers read in different ways never reaches an
 * upstream, with or without a session, and a plain one reaches it exactly as it was judged.
 * The upstreams record the raw request line, so the test sees what they really received.
 */
class AmbiguousPathTest {
    /** The findings, then each with the encodings %2e, %2f, %5c, ';' and doubled slashes. */
    static final List<String> BYPASSES = List.of(
            "/admin/../public", "/admin/x/../../public/x", "/admin;/../public", "/admin%3b/../public",
            "/api/../public", "/api/x/../../public/x",
            "/admin/%2e%2e/public", "/admin/%2E%2E/public", "/admin/.%2e/public", "/admin/%2e./public",
            "/admin/%2e/../public", "/admin%2f..%2fpublic", "/admin%2F..%2Fpublic", "/public/..%2fadmin",
            "/admin%5c..%5cpublic", "/admin%5C..%5Cpublic", "/admin\\..\\public",
            "/admin;x/../public", "/admin/..;/public", "/admin;", "/public;/../admin", "/public/..;/admin",
            "//public/../admin", "/public//../admin", "/public//x", "//admin",
            "/admin/./../public", "/./public", "/public/.", "/public/%252e%252e/admin", "/admin%00/public");

    @TempDir
    Path dir;
    RecordingUpstream app;
    RecordingUpstream api;
    AttackSurface surface;

    @BeforeEach
    void start() throws Exception {
        app = new RecordingUpstream();
        api = new RecordingUpstream();
        surface = new AttackSurface(GatewayFixture.start(dir, true, Map.of(
                "upstream.url", app.url().toString(),
                "route.api.path", "/api", "route.api.upstream", api.url().toString(),
                "route.api.strip-prefix", "true",
                "access.skip-paths", "/public")));
    }

    @AfterEach
    void stop() throws Exception {
        surface.close();
        app.close();
        api.close();
    }

    @Test
    void ambiguousPathWithoutSessionThen400AndNoUpstreamSeesIt() throws Exception {
        for (String path : BYPASSES) {
            RawHttp.Response r = RawHttp.get(surface.gateway, path, "Accept: text/html");

            assertEquals(400, r.status(), path + ": " + r);
        }
        assertEquals(List.of(), app.received(), "the application received an ambiguous path");
        assertEquals(List.of(), api.received(), "the api route received an ambiguous path");
    }

    @Test
    void ambiguousPathWithSessionThen400AndNoUpstreamSeesIt() throws Exception {
        String cookie = surface.signIn("alice");
        int before = app.received().size();
        for (String path : BYPASSES) {
            RawHttp.Response r = RawHttp.get(surface.gateway, path, "Accept: application/json",
                    "Cookie: gateway_session=" + cookie);

            assertEquals(400, r.status(), path + ": " + r);
            assertTrue(r.body().contains("ambiguous_path") || r.body().isEmpty() || r.body().contains("400"), r.body());
        }
        assertEquals(before, app.received().size(), "the application received an ambiguous path");
        assertEquals(List.of(), api.received(), "the api route received an ambiguous path");
    }

    @Test
    void ambiguousPathThenTheRefusalSaysWhatIsWrongWithTheRequestId() throws Exception {
        RawHttp.Response r = RawHttp.get(surface.gateway, "/admin/../public", "Accept: application/json");

        assertEquals(400, r.status(), r.toString());
        assertTrue(r.body().contains("\"error\":\"ambiguous_path\""), r.body());
        assertTrue(r.body().contains("dot segment"), r.body());
        assertTrue(r.body().contains("request_id"), r.body());
    }

    @Test
    void skipPathThenTheUpstreamReceivesExactlyThePathThatWasJudged() throws Exception {
        assertEquals(200, RawHttp.get(surface.gateway, "/public/x?y=1", "Accept: text/html").status());
        assertEquals("/public/x?y=1", app.last().target());

        assertEquals(200, RawHttp.get(surface.gateway, "/%70ublic/caf%C3%A9", "Accept: text/html").status());
        assertEquals("/%70ublic/caf%C3%A9", app.last().target(), "decided as /public/café, forwarded as sent");

        RawHttp.Response admin = RawHttp.get(surface.gateway, "/publicity", "Accept: application/json");
        assertEquals(401, admin.status(), "a prefix matches whole segments only: " + admin);
    }

    @Test
    void routeThenChosenAndStrippedOnTheSamePath() throws Exception {
        String cookie = surface.signIn("alice");

        assertEquals(200, RawHttp.get(surface.gateway, "/%61pi/items?q=1", "Cookie: gateway_session=" + cookie)
                .status());
        assertEquals("/items?q=1", api.last().target(), "/%61pi is /api: its route, its prefix stripped");
        assertEquals(200, RawHttp.get(surface.gateway, "/apix/items", "Cookie: gateway_session=" + cookie).status());
        assertEquals("/apix/items", app.last().target());
    }

    @Test
    void forwardAuthWhenTheOriginalPathIsAmbiguousThenDenied() throws Exception {
        String cookie = surface.signIn("alice");
        for (String header : List.of("X-Original-URI", "X-Forwarded-Uri")) {
            for (String path : List.of("/public/../admin", "/admin/%2e%2e/x", "/admin;/x", "/a%2fb", "//admin")) {
                RawHttp.Response r = RawHttp.get(surface.gateway, "/oauth2/auth", header + ": " + path + "?q=1",
                        "Cookie: gateway_session=" + cookie);

                assertEquals(403, r.status(), header + ": " + path + " -> " + r);
                assertTrue(r.body().contains("ambiguous_path"), r.body());
            }
            RawHttp.Response plain = RawHttp.get(surface.gateway, "/oauth2/auth", header + ": /admin/x?q=../y",
                    "Cookie: gateway_session=" + cookie);
            assertEquals(202, plain.status(), plain.toString());
        }
    }
}
