package io.oidcgateway.proxy;

import io.oidcgateway.config.UpstreamConfig;
import io.oidcgateway.filter.OidcGatewayFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServerContainer;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proxies WebSocket upgrades the filter let through: opens the upstream's WebSocket with the
 * same headers as any forwarded request (bearer token and identity included), then takes the
 * browser's upgrade and bridges the two. Every few seconds it closes, with 1008, the sockets
 * whose session has ended (sign-out, back-channel logout, expiry), so a signed-out user keeps
 * no live socket.
 */
final class WebSocketProxy implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketProxy.class);
    static final long CHECK_EVERY_SECONDS = 5;
    /** Headers the WebSocket handshake itself owns, on each hop separately. */
    private static final Set<String> HANDSHAKE = Set.of("host", "upgrade", "connection", "sec-websocket-key",
            "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-protocol", "content-length",
            "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection");

    private final WebSocketClient client;
    private final UpstreamConfig upstream;
    private final Predicate<String> sessionLives;
    private final Map<WebSocketBridge, String> open = new ConcurrentHashMap<>();
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "websocket-session-check");
        thread.setDaemon(true);
        return thread;
    });

    /** @param sessionLives whether the session with this id has not ended */
    WebSocketProxy(UpstreamConfig upstream, Predicate<String> sessionLives) throws Exception {
        this.upstream = upstream;
        this.sessionLives = sessionLives;
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(UpstreamTls.clientFactory(upstream.caFile()));
        this.client = new WebSocketClient(new HttpClient(new HttpClientTransportOverHTTP(connector)));
        client.setConnectTimeout(upstream.connectTimeout().toMillis());
        client.start();
        checker.scheduleWithFixedDelay(this::closeEnded, CHECK_EVERY_SECONDS, CHECK_EVERY_SECONDS, TimeUnit.SECONDS);
    }

    static boolean isUpgrade(HttpServletRequest request) {
        return "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
    }

    /** @param target the upstream URL as http(s); answered with 502 when the upstream refuses or cannot be reached */
    void upgrade(HttpServletRequest request, HttpServletResponse response, String target) throws IOException {
        URI ws = URI.create(target.replaceFirst("^http", "ws"));
        Object sessionId = request.getAttribute(OidcGatewayFilter.SESSION_ID_ATTRIBUTE);
        JettyWebSocketServerContainer container = JettyWebSocketServerContainer.getContainer(
                request.getServletContext());
        boolean upgraded = container.upgrade((browserRequest, browserResponse) -> {
            ClientUpgradeRequest toUpstream = new ClientUpgradeRequest();
            for (String name : Collections.list(request.getHeaderNames())) {
                if (!HANDSHAKE.contains(name.toLowerCase(Locale.ROOT))) {
                    toUpstream.setHeader(name, Collections.list(request.getHeaders(name)));
                }
            }
            toUpstream.setSubProtocols(browserRequest.getSubProtocols());
            WebSocketBridge bridge = new WebSocketBridge();
            Session upstreamSession;
            try {
                upstreamSession = client.connect(bridge.upstreamSide(), ws, toUpstream)
                        .get(upstream.connectTimeout().toMillis() + upstream.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.warn("the upstream WebSocket {} cannot be opened ({})", ws.getHost(), e.getClass().getSimpleName());
                browserResponse.sendError(502, "the application's WebSocket cannot be opened");
                return null;
            }
            String accepted = upstreamSession.getUpgradeResponse().getAcceptedSubProtocol();
            if (accepted != null) {
                browserResponse.setAcceptedSubProtocol(accepted);
            }
            if (sessionId instanceof String id) {
                open.put(bridge, id);
            }
            return bridge.browserSide();
        }, request, response);
        if (!upgraded && !response.isCommitted()) {
            response.sendError(400, "not a WebSocket upgrade");
        }
    }

    private void closeEnded() {
        for (Map.Entry<WebSocketBridge, String> entry : open.entrySet()) {
            WebSocketBridge bridge = entry.getKey();
            if (!bridge.open()) {
                open.remove(bridge);
                continue;
            }
            try {
                if (!sessionLives.test(entry.getValue())) {
                    bridge.close(1008, "the session has ended");
                    open.remove(bridge);
                }
            } catch (RuntimeException e) {
                // The session store cannot answer now (Redis away): not a sign-out; look again later.
                LOG.debug("cannot check a WebSocket's session now: {}", e.getClass().getSimpleName());
            }
        }
    }

    @Override
    public void close() throws Exception {
        checker.shutdownNow();
        client.stop();
    }
}
