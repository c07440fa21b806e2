package io.oidcgateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Signed-in requests are proxied by two paths: the short path before the servlet layer
 * (SignedInShortPath, Jetty's core proxy) and, for whatever it leaves, the filter in front of the
 * proxy servlet. An upgrade that is not a WebSocket is one such request (both proxies drop the
 * hop-by-hop Upgrade header): the same request, once with it, goes the servlet way. The upstream
 * must get the very same bytes either way, forgeries and all, and the client the same answer.
 */
class ShortPathEquivalenceTest extends RecordedAttackTest {
    /** Leaves the request to the servlet path; dropped by both proxies as hop-by-hop. */
    static final String[] SERVLET_PATH = {"Connection: close, Upgrade", "Upgrade: x-servlet-path"};
    static final String[] SHORT_PATH = {"Connection: close"};
    static final String ALICE = IdentityHeaderSpoofingTest.ALICE;

    /** The upstream's request head for the request sent the short way, then the servlet way. */
    private List<String> bothWays(String target, String... headers) throws Exception {
        List<String> heads = new ArrayList<>();
        for (boolean servletPath : new boolean[] {false, true}) {
            RawHttp.Response r = RawHttp.get(surface.gateway, target, way(servletPath, headers));
            assertEquals(200, r.status(), r.toString());
            heads.add(app.last().head());
        }
        return heads;
    }

    private static String[] way(boolean servletPath, String... headers) {
        String[] way = servletPath ? SERVLET_PATH : SHORT_PATH;
        String[] sent = Arrays.copyOf(headers, headers.length + way.length);
        System.arraycopy(way, 0, sent, headers.length, way.length);
        return sent;
    }

    @Test
    void forgedHeadersInEverySpellingReachTheUpstreamAsTheFilterSendsThem() throws Exception {
        start(Map.of());
        String cookie = surface.signIn("alice");
        String[] headers = Arrays.copyOf(IdentityHeaderSpoofingTest.FORGED, IdentityHeaderSpoofingTest.FORGED.length + 3);
        headers[headers.length - 3] = "Cookie: theme=dark; gateway_session=" + cookie + "; gateway_session_login=x";
        headers[headers.length - 2] = "X-Request-Id: same-id-both-ways";
        headers[headers.length - 1] = "Forwarded: for=6.6.6.6";

        List<String> heads = bothWays("/data?q=1", headers);

        assertEquals(heads.get(1), heads.get(0));
        RecordingUpstream.Received seen = new RecordingUpstream.Received(heads.get(0));
        assertEquals("/data?q=1", seen.target());
        assertEquals(List.of(ALICE), seen.header("X-Forwarded-User"));
        assertEquals(List.of("theme=dark"), seen.header("Cookie"));
        assertEquals(List.of("same-id-both-ways"), seen.header("X-Request-Id"));
        assertEquals(List.of("1.1 oidc-gateway"), seen.header("Via"));
        assertTrue(seen.single("Forwarded").orElseThrow().startsWith("by="), seen.head());
        assertEquals(List.of(surface.gateway.getAuthority()), seen.header("X-Forwarded-Host"));
        assertEquals(List.of(), seen.header("Upgrade"));
    }

    @Test
    void fromATrustedProxyItsForwardingHeadersAreAppendedToTheSameWay() throws Exception {
        start(Map.of("server.trusted-proxies", "127.0.0.1/32"));
        String cookie = surface.signIn("alice");

        List<String> heads = bothWays("/page", "Cookie: gateway_session=" + cookie, "X-Request-Id: trusted",
                "X-Forwarded-For: 203.0.113.9", "X-Forwarded-Proto: https", "X-Forwarded-Host: app.example.com",
                "Forwarded: for=203.0.113.9", "X_Forwarded_For: 6.6.6.6");

        assertEquals(heads.get(1), heads.get(0));
        RecordingUpstream.Received seen = new RecordingUpstream.Received(heads.get(0));
        assertEquals(List.of("203.0.113.9, 127.0.0.1"), seen.header("X-Forwarded-For"));
        assertEquals(List.of("https"), seen.header("X-Forwarded-Proto"));
        assertEquals(List.of("app.example.com"), seen.header("X-Forwarded-Host"));
        assertTrue(seen.single("Forwarded").orElseThrow().startsWith("for=203.0.113.9, by="), seen.head());
        assertEquals(List.of(), seen.header("X_Forwarded_For"));
    }

    @Test
    void theClientGetsTheSameAnswerEitherWay() throws Exception {
        start(Map.of());
        String cookie = surface.signIn("alice");
        List<String> answers = new ArrayList<>();
        for (boolean servletPath : new boolean[] {false, true}) {
            RawHttp.Response r = RawHttp.get(surface.gateway, "/page", way(servletPath,
                    "Cookie: gateway_session=" + cookie, "X-Request-Id: answer"));
            answers.add(withoutDate(r.head()) + "\r\n\r\n" + r.body());
        }

        assertEquals(answers.get(1), answers.get(0));
        assertTrue(answers.get(0).contains("X-Request-Id: answer"), answers.get(0));
        assertTrue(answers.get(0).endsWith("recorded\n"), answers.get(0));
    }

    @Test
    void anUpstreamThatCannotBeReachedGetsTheSame502PageEitherWay() throws Exception {
        int closed;
        try (ServerSocket free = new ServerSocket(0)) {
            closed = free.getLocalPort();
        }
        start(Map.of("upstream.url", "http://127.0.0.1:" + closed));
        String cookie = surface.signIn("alice");
        for (String accept : List.of("Accept: application/json", "Accept: text/html")) {
            List<String> answers = new ArrayList<>();
            for (boolean servletPath : new boolean[] {false, true}) {
                RawHttp.Response r = RawHttp.get(surface.gateway, "/page", way(servletPath,
                        "Cookie: gateway_session=" + cookie, "X-Request-Id: down", accept));
                assertEquals(502, r.status(), r.toString());
                answers.add(withoutDate(r.head()) + "\r\n\r\n" + r.body());
            }

            assertEquals(answers.get(1), answers.get(0));
            assertTrue(answers.get(0).contains("upstream_unavailable") || answers.get(0).contains("cannot be reached"),
                    answers.get(0));
            assertTrue(answers.get(0).contains("down"), answers.get(0));
        }
    }

    private static String withoutDate(String head) {
        return head.replaceAll("(?m)^Date: .*\r\n", "");
    }
}
