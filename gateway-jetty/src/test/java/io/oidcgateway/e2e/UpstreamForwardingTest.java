package io.oidcgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.demo.DemoUpstream;
import io.oidcgateway.testing.TestTls;
import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the upstream is told, over real sockets: https upstreams with a private CA,
 * {@code X-Forwarded-*} and {@code Forwarded} by {@code server.trusted-proxies}, a client's
 * h2c upgrade never passed on, and the client's Host when asked. On a skip path (the filter and
 * the proxy servlet), and where the short path for signed-in requests has code of its own (its
 * HTTP client, the Host), signed in as well.
 */
class UpstreamForwardingTest {
    @TempDir
    Path dir;
    /** HTTP/1.1: the JDK's default offers an h2c upgrade, and requests with an upgrade go the filter's way. */
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    GatewayFixture system;
    DemoUpstream tlsUpstream;

    @AfterEach
    void stop() throws Exception {
        if (system != null) {
            system.close();
        }
        if (tlsUpstream != null) {
            tlsUpstream.stop();
        }
    }

    private GatewayFixture start(Map<String, String> extra) throws Exception {
        Map<String, String> props = new HashMap<>(Map.of("access.skip-paths", "/public"));
        props.putAll(extra);
        system = GatewayFixture.start(dir, true, props);
        return system;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> upstreamHeaders(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        return (Map<String, List<String>>) JsonUtil.parseJson(response.body()).get("headers");
    }

    private HttpResponse<String> get(String url, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json");
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> String.join(", ", e.getValue())).findFirst().orElse(null);
    }

    @Test
    void httpsUpstreamSignedByAPrivateCaThenServedWithUpstreamCaFileAndRefusedWithout() throws Exception {
        TestTls tls = TestTls.create();
        tlsUpstream = new DemoUpstream("localhost", 0);
        tlsUpstream.serveHttps(tls.serverKeyStore());
        tlsUpstream.start();
        Path ca = tls.writeCaPem(dir.resolve("private-ca.pem"));
        start(Map.of("upstream.url", tlsUpstream.url().toString(), "upstream.ca-file", "private-ca.pem"));
        var untrusting = system.startAnother(Map.of("server.port", "0", "upstream.ca-file", ""), b -> b);

        assertTrue(ca.toFile().isFile());
        assertEquals(200, get(system.url("/public/x"), Map.of()).statusCode(), "trusted through upstream.ca-file");
        HttpResponse<String> refused = get("http://127.0.0.1:" + untrusting.localPort() + "/public/x", Map.of());
        assertEquals(502, refused.statusCode(), "the JDK alone does not know the private CA");
        assertTrue(refused.body().contains("upstream_unavailable"), refused.body());

        String session = system.signIn("alice");
        untrusting.gateway().sessions().save(system.gateway.gateway().sessions().get(session).orElseThrow());
        Map<String, String> signedIn = Map.of("Cookie", "gateway_session=" + session);
        assertEquals(200, get(system.url("/x"), signedIn).statusCode(), "the short path trusts upstream.ca-file too");
        HttpResponse<String> refusedSignedIn = get("http://127.0.0.1:" + untrusting.localPort() + "/x", signedIn);
        assertEquals(502, refusedSignedIn.statusCode(), "and the JDK alone does not know it there either");
    }

    @Test
    void forwardedHeadersFromATrustedProxyThenKeptAndAppendedTo() throws Exception {
        start(Map.of("server.trusted-proxies", "10.0.0.0/8, 127.0.0.1/32"));

        Map<String, List<String>> seen = upstreamHeaders(get(system.url("/public/x"), Map.of(
                "X-Forwarded-For", "203.0.113.9", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "app.example.com",
                "Forwarded", "for=203.0.113.9;proto=https;host=app.example.com")));

        assertEquals("203.0.113.9, 127.0.0.1", header(seen, "X-Forwarded-For"));
        assertEquals("https", header(seen, "X-Forwarded-Proto"));
        assertEquals("app.example.com", header(seen, "X-Forwarded-Host"));
        String forwarded = header(seen, "Forwarded");
        assertTrue(forwarded.startsWith("for=203.0.113.9;proto=https;host=app.example.com"), forwarded);
        assertTrue(forwarded.contains("for=\"127.0.0.1\""), "the gateway adds its own hop: " + forwarded);
    }

    @Test
    void forwardedHeadersFromAnyoneElseThenReplaced() throws Exception {
        start(Map.of("server.trusted-proxies", "10.0.0.0/8"));

        Map<String, List<String>> seen = upstreamHeaders(get(system.url("/public/x"), Map.of(
                "X-Forwarded-For", "203.0.113.9", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "evil.example",
                "Forwarded", "for=203.0.113.9;host=evil.example")));

        assertEquals("127.0.0.1", header(seen, "X-Forwarded-For"));
        assertEquals("http", header(seen, "X-Forwarded-Proto"));
        assertFalse(header(seen, "X-Forwarded-Host").contains("evil"), header(seen, "X-Forwarded-Host"));
        assertFalse(header(seen, "Forwarded").contains("203.0.113.9"), header(seen, "Forwarded"));
    }

    @Test
    void h2cUpgradeFromAClientThenNeverPassedUpstream() throws Exception {
        start(Map.of());
        URI gateway = URI.create(system.url("/"));

        String answer;
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /public/x HTTP/1.1\r\nHost: " + gateway.getAuthority() + "\r\nAccept: application/json\r\n"
                    + "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        @SuppressWarnings("unchecked")
        Map<String, List<String>> seen = (Map<String, List<String>>) JsonUtil.parseJson(
                body.substring(body.indexOf('{'), body.lastIndexOf('}') + 1)).get("headers");
        assertNull(header(seen, "Upgrade"), "h2c smuggling: " + seen);
        assertNull(header(seen, "HTTP2-Settings"));
    }

    @Test
    void preserveHostThenTheUpstreamSeesTheClientsHost() throws Exception {
        start(Map.of("upstream.preserve-host", "true"));
        URI gateway = URI.create(system.url("/"));

        Map<String, List<String>> seen = upstreamHeaders(get(system.url("/public/x"), Map.of()));
        Map<String, List<String>> seenSignedIn = upstreamHeaders(get(system.url("/x"),
                Map.of("Cookie", "gateway_session=" + system.signIn("alice"))));

        assertEquals(gateway.getAuthority(), header(seen, "Host"));
        assertEquals(gateway.getAuthority(), header(seenSignedIn, "Host"));
    }

    @Test
    void withoutPreserveHostThenTheUpstreamSeesItsOwnHost() throws Exception {
        start(Map.of());

        Map<String, List<String>> seen = upstreamHeaders(get(system.url("/public/x"), Map.of()));
        Map<String, List<String>> seenSignedIn = upstreamHeaders(get(system.url("/x"),
                Map.of("Cookie", "gateway_session=" + system.signIn("alice"))));

        assertEquals(system.upstream.url().getAuthority(), header(seen, "Host"));
        assertEquals(system.upstream.url().getAuthority(), header(seenSignedIn, "Host"));
    }

    @Test
    void stripPrefixRouteWhenItsUpstreamRedirectsAndSetsCookiesThenThePrefixIsPutBack() throws Exception {
        HttpServer app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String origin = "http://127.0.0.1:" + app.getAddress().getPort();
        app.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            exchange.getResponseHeaders().add("Set-Cookie", "app_sid=1; Path=/; HttpOnly");
            exchange.getResponseHeaders().add("Location", path.equals("/old") ? origin + "/new?x=1" : "/login");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        app.start();
        try {
            start(Map.of("route.app.path", "/app", "route.app.upstream", origin, "route.app.strip-prefix", "true",
                    "access.skip-paths", "/app"));
            HttpClient noRedirects = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

            HttpResponse<Void> absolute = noRedirects.send(HttpRequest.newBuilder(URI.create(system.url("/app/old")))
                    .build(), HttpResponse.BodyHandlers.discarding());
            HttpResponse<Void> relative = noRedirects.send(HttpRequest.newBuilder(URI.create(system.url("/app/x")))
                    .build(), HttpResponse.BodyHandlers.discarding());

            assertEquals(system.url("/app/new?x=1"), absolute.headers().firstValue("Location").orElseThrow());
            assertEquals("/app/login", relative.headers().firstValue("Location").orElseThrow()
                    .replaceFirst("^https?://[^/]+", ""));
            assertEquals("app_sid=1;Path=/app;HttpOnly",
                    relative.headers().firstValue("Set-Cookie").orElseThrow().replace(" ", ""));
        } finally {
            app.stop(0);
        }
    }
}
