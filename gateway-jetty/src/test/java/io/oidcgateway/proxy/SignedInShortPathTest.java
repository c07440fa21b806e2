package io.oidcgateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.config.RouteConfig;
import io.oidcgateway.e2e.GatewayFixture;
import io.oidcgateway.filter.Gateway;
import io.oidcgateway.metrics.PrometheusGatewayMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which requests the short path proxies itself and which it leaves to the servlet context: here
 * the servlet context is a stand-in that answers 299, so a test sees which way each went. The
 * decision and the proxy are the gateway's own, from a running gateway with a signed-in session.
 */
class SignedInShortPathTest {
    static final int SERVLET_PATH = 299;

    @TempDir
    static Path dir;
    static GatewayFixture system;
    static String session;
    static Server server;
    static URI shortPath;
    static HttpClient client;
    static final AtomicInteger leftToServlets = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        system = GatewayFixture.start(dir, true, Map.of("access.skip-paths", "/public"));
        session = system.signIn("alice");
        int closed;
        try (ServerSocket free = new ServerSocket(0)) {
            closed = free.getLocalPort();
        }
        URI upstream = system.upstream.url();
        Gateway gateway = system.gateway.gateway();
        RouteTable routes = new RouteTable(upstream, Duration.ofSeconds(5), List.of(
                new RouteConfig("api", "/api", upstream, true, Duration.ofSeconds(5)),
                new RouteConfig("down", "/down", URI.create("http://127.0.0.1:" + closed), false, Duration.ofSeconds(5))));
        ProxyParts parts = new ProxyParts(routes, gateway.config().upstream(), gateway.config().server().publicUrl(),
                gateway.errors(), gateway.metrics());
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new SignedInShortPath(new ServletStandIn(), gateway.signedIn(), gateway.requestIds(), parts));
        server.start();
        shortPath = URI.create("http://127.0.0.1:" + connector.getLocalPort());
        client = new HttpClient();
        client.start();
    }

    @AfterAll
    static void stop() throws Exception {
        client.stop();
        server.stop();
        system.close();
    }

    @BeforeEach
    void count() {
        leftToServlets.set(0);
    }

    /** Answers what the short path leaves to it with 299, as the servlet context would answer it otherwise. */
    static final class ServletStandIn extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            leftToServlets.incrementAndGet();
            response.setStatus(SERVLET_PATH);
            callback.succeeded();
            return true;
        }
    }

    private static ContentResponse get(String path, String... headers) throws Exception {
        return client.newRequest(shortPath.resolve(path)).headers(h -> add(h, headers)).send();
    }

    private static void add(HttpFields.Mutable fields, String... headers) {
        for (String header : headers) {
            int colon = header.indexOf(':');
            fields.add(header.substring(0, colon), header.substring(colon + 1).trim());
        }
    }

    private static String cookie() {
        return "Cookie: theme=dark; gateway_session=" + session;
    }

    /** A meter of the gateway's registry, 0 before its first count. */
    private static double counted(String name, String... tags) {
        MeterRegistry registry = ((PrometheusGatewayMetrics) system.gateway.gateway().metrics()).registry();
        Counter counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aSignedInRequestIsProxiedWithTheSessionsIdentityAndNeverReachesTheServlets() throws Exception {
        double forwarded = counted("gateway.requests.forwarded");
        double answered = counted("gateway.upstream.requests", "route", "default", "status", "2xx");
        ContentResponse r = get("/reports?year=2026", cookie(), "Accept: application/json",
                "X-Forwarded-User: admin", "X-Request-Id: mine-1");

        assertEquals(200, r.getStatus(), r.getContentAsString());
        assertEquals(0, leftToServlets.get());
        String echoed = r.getContentAsString();
        assertTrue(echoed.contains("\"uri\":\"/reports?year=2026\""), echoed);
        assertTrue(echoed.contains("a1b2c3d4-0000-4000-8000-000000000001"), echoed);
        assertTrue(!echoed.contains("admin\"") && !echoed.contains("gateway_session"), echoed);
        assertEquals("mine-1", r.getHeaders().get("X-Request-Id"));
        assertEquals(forwarded + 1, counted("gateway.requests.forwarded"));
        assertEquals(answered + 1, counted("gateway.upstream.requests", "route", "default", "status", "2xx"));
    }

    /** The demo upstream reads a form (an upstream answering before it read the body would end the upload). */
    @Test
    void aBodyIsStreamedToTheUpstreamAsSent() throws Exception {
        String note = "a".repeat(100_000);
        ContentResponse r = client.newRequest(shortPath.resolve("/form")).method("POST")
                .headers(h -> add(h, cookie()))
                .body(new StringRequestContent("application/x-www-form-urlencoded", "note=" + note)).send();

        assertEquals(200, r.getStatus(), r.getContentAsString());
        assertEquals(0, leftToServlets.get());
        assertTrue(r.getContentAsString().contains("<code>POST /form</code>"), r.getContentAsString());
        assertTrue(r.getContentAsString().contains("data-name=\"note\">" + note + "</li>"), "the whole body arrived");
    }

    @Test
    void whatTheFilterMustAnswerGoesToTheServlets() throws Exception {
        List<ContentResponse> answers = List.of(
                get("/page"),
                get("/page", "Cookie: gateway_session=not-a-session-of-this-gateway-xxxxxxxxxxxxxxxxx"),
                get("/oauth2/userinfo", cookie()),
                get("/public/logo.png", cookie()),
                get("/api/items", cookie()),
                get("/chat", cookie(), "Connection: Upgrade", "Upgrade: websocket", "Sec-WebSocket-Version: 13",
                        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="));

        for (ContentResponse r : answers) {
            assertEquals(SERVLET_PATH, r.getStatus(), r.getRequest().getPath());
        }
        assertEquals(answers.size(), leftToServlets.get());
    }

    @Test
    void aPathReadInMoreThanOneWayIsNeverProxiedHere() throws Exception {
        for (String path : List.of("/x/%2e%2e/admin", "/a%2Fb", "/a;b=c/d", "/a/%2e/b")) {
            ContentResponse r = get(path, cookie());
            assertTrue(r.getStatus() == SERVLET_PATH || r.getStatus() == 400, path + ": " + r.getStatus());
        }
    }

    @Test
    void anUpstreamThatCannotBeReachedGetsTheGateways502Page() throws Exception {
        double failed = counted("gateway.upstream.requests", "route", "down", "status", "5xx");
        ContentResponse r = get("/down/page", cookie(), "Accept: application/json", "X-Request-Id: down-1");

        assertEquals(502, r.getStatus());
        assertEquals(0, leftToServlets.get());
        assertTrue(r.getContentAsString().contains("\"error\":\"upstream_unavailable\""), r.getContentAsString());
        assertTrue(r.getContentAsString().contains("\"request_id\":\"down-1\""), r.getContentAsString());
        assertEquals("down-1", r.getHeaders().get("X-Request-Id"));
        assertEquals("no-store", r.getHeaders().get("Cache-Control"));
        assertEquals(failed + 1, counted("gateway.upstream.requests", "route", "down", "status", "5xx"));
    }
}
