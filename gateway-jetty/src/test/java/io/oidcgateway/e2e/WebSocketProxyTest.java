package io.oidcgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import io.oidcgateway.demo.DemoIdpSettings;
import io.oidcgateway.testing.MutableClock;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.server.config.JettyWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WebSockets through the gateway to a Jetty WebSocket echo upstream: proxied with the
 * session's identity and bearer token, frames and close codes both ways, refused without a
 * session, and closed with 1008 once the session has ended.
 */
class WebSocketProxyTest {
    @TempDir
    Path dir;
    Server echo;
    GatewayFixture system;
    Browser browser;
    final WebSocketClient client = new WebSocketClient();
    /** The gateway's and the demo IdP's: access tokens live 90 s on it, refreshed 60 s before. */
    final MutableClock clock = new MutableClock(Instant.now());
    int echoPort;

    /** The upstream: tells who it sees, then echoes; "close:N" closes with code N. */
    public static final class EchoEndpoint implements Session.Listener.AutoDemanding {
        private final String authorization;
        private final String user;
        private Session session;

        EchoEndpoint(String authorization, String user) {
            this.authorization = authorization;
            this.user = user;
        }

        @Override
        public void onWebSocketOpen(Session opened) {
            session = opened;
            session.sendText("auth:" + authorization, Callback.NOOP);
            session.sendText("user:" + user, Callback.NOOP);
        }

        @Override
        public void onWebSocketText(String text) {
            if (text.startsWith("close:")) {
                session.close(Integer.parseInt(text.substring(6)), "bye", Callback.NOOP);
            } else {
                session.sendText(text, Callback.NOOP);
            }
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            session.sendBinary(payload, callback);
        }
    }

    /** What the test's browser-side client receives. */
    public static final class Received implements Session.Listener.AutoDemanding {
        final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        volatile Session session;

        @Override
        public void onWebSocketOpen(Session opened) {
            session = opened;
        }

        @Override
        public void onWebSocketText(String text) {
            messages.add(text);
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            byte[] bytes = new byte[payload.remaining()];
            payload.get(bytes);
            messages.add(bytes);
            callback.succeed();
        }

        @Override
        public void onWebSocketPong(ByteBuffer payload) {
            messages.add("pong:" + StandardCharsets.UTF_8.decode(payload));
        }

        @Override
        public void onWebSocketClose(int status, String reason) {
            closed.complete(status);
        }

        Object next() throws InterruptedException {
            Object message = messages.poll(10, TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("no message within 10 s");
            }
            return message;
        }
    }

    @BeforeEach
    void start() throws Exception {
        echo = new Server();
        ServerConnector connector = new ServerConnector(echo);
        connector.setHost("127.0.0.1");
        echo.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        JettyWebSocketServletContainerInitializer.configure(context, (servletContext, container) ->
                container.addMapping("/ws/*", (request, response) -> new EchoEndpoint(
                        request.getHeader("Authorization"), request.getHeader("X-Forwarded-User"))));
        echo.setHandler(context);
        echo.start();
        client.start();
        echoPort = connector.getLocalPort();
        system = GatewayFixture.start(dir, true, Map.of("route.ws.path", "/ws",
                "route.ws.upstream", "http://127.0.0.1:" + echoPort), clock, new DemoIdpSettings(
                        Duration.ofSeconds(90), Duration.ofHours(1), Duration.ofHours(24), Duration.ZERO));
        browser = new Browser();
    }

    @AfterEach
    void stop() throws Exception {
        client.stop();
        browser.close();
        system.close();
        echo.stop();
    }

    private String signIn() throws Exception {
        Browser.signIn(browser.open(system.url("/")), "alice", "alice");
        return browser.web.getCookieManager().getCookie("gateway_session").getValue();
    }

    private Received connect(String cookie) throws Exception {
        Received received = new Received();
        ClientUpgradeRequest request = new ClientUpgradeRequest();
        if (cookie != null) {
            request.setHeader("Cookie", "gateway_session=" + cookie);
        }
        client.connect(received, URI.create(system.url("/ws/echo").replaceFirst("^http", "ws")), request)
                .get(10, TimeUnit.SECONDS);
        return received;
    }

    @Test
    void withASessionThenProxiedWithItsIdentityAndFramesAndCloseCodesPassBothWays() throws Exception {
        Received ws = connect(signIn());

        String auth = (String) ws.next();
        assertTrue(auth.startsWith("auth:Bearer eyJ"), "the upstream saw the bearer token: " + auth);
        assertEquals("user:a1b2c3d4-0000-4000-8000-000000000001", ws.next());
        ws.session.sendText("hello", Callback.NOOP);
        assertEquals("hello", ws.next());
        ws.session.sendBinary(ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 255}), Callback.NOOP);
        assertEquals("[0, 1, 2, -1]", java.util.Arrays.toString((byte[]) ws.next()));
        ws.session.sendPing(ByteBuffer.wrap("are you there".getBytes(StandardCharsets.UTF_8)), Callback.NOOP);
        assertEquals("pong:are you there", ws.next(), "the upstream's pong comes back through the gateway");
        ws.session.sendText("after-ping", Callback.NOOP);
        assertEquals("after-ping", ws.next(), "exactly one pong per ping");
        ws.session.sendText("close:4001", Callback.NOOP);
        assertEquals(4001, ws.closed.get(10, TimeUnit.SECONDS), "the upstream's close code reaches the browser");
    }

    @Test
    void withoutASessionThen401AndNoUpstreamSocket() {
        ExecutionException refused = assertThrows(ExecutionException.class, () -> connect(null));

        assertTrue(refused.getCause() instanceof UpgradeException, String.valueOf(refused.getCause()));
        assertEquals(401, ((UpgradeException) refused.getCause()).getResponseStatusCode());
    }

    @Test
    void afterSignOutThenTheOpenSocketIsClosedWith1008() throws Exception {
        String cookie = signIn();
        Received ws = connect(cookie);
        ws.next();

        HttpResponse<Void> out = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(system.url("/oauth2/sign_out"))).header("Cookie", "gateway_session=" + cookie).build(),
                HttpResponse.BodyHandlers.discarding());

        assertEquals(302, out.statusCode());
        assertEquals(1008, ws.closed.get(15, TimeUnit.SECONDS), "closed within the check interval");
    }

    @Test
    void whenTheIdpRefusesToRenewTheSessionThenTheOpenSocketIsClosedWith1008() throws Exception {
        Received ws = connect(signIn());
        ws.next();
        system.idp.testHooks().revokeRefreshTokens();

        clock.advance(Duration.ofSeconds(40));

        assertEquals(1008, ws.closed.get(15, TimeUnit.SECONDS), "the socket's only use does not keep it alive");
    }
}
