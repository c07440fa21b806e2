package io.oidcgateway.proxy;

import io.oidcgateway.filter.ForwardedIdentityRequest;
import io.oidcgateway.filter.GatewayError;
import io.oidcgateway.filter.RequestIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import io.oidcgateway.http.AmbiguousPathException;
import io.oidcgateway.http.RequestPath;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.ee10.proxy.ProxyServlet;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/**
 * Streams requests to the upstream the route table picks: those the filter let through that the
 * embedded server's short path left to it ({@link SignedInShortPath}: skip paths, renewed
 * sessions, API clients, WebSockets, strip-prefix routes). Jetty's proxy already strips
 * hop-by-hop headers, follows no redirects and keeps no cookies; this adds the
 * {@code X-Forwarded-*} headers the contract names and turns upstream failures into the
 * gateway's own 502/504 page, as the short path's proxy does with the same parts
 * ({@link ProxyParts}).
 */
public final class GatewayProxyServlet extends ProxyServlet {
    private final ProxyParts parts;
    private final Predicate<String> sessionLives;
    private WebSocketProxy webSockets;

    /** @param sessionLives whether a session has not ended: its WebSockets are closed once it has */
    public GatewayProxyServlet(ProxyParts parts, Predicate<String> sessionLives) {
        this.parts = parts;
        this.sessionLives = sessionLives;
    }

    /** The init parameters Jetty's proxy servlet reads, as the gateway's configuration sets them. */
    public Map<String, String> initParameters() {
        return Map.of("viaHost", ProxyParts.VIA_HOST, "preserveHost", String.valueOf(parts.upstream.preserveHost()),
                "timeout", String.valueOf(parts.upstream.timeout().toMillis()));
    }

    /**
     * Jetty's proxy logs under the servlet's own class name, and at debug it writes whole requests,
     * {@code Authorization: Bearer} and cookies included. Under Jetty's name it stays at the
     * libraries' level, so {@code log.level=debug} never turns it on.
     */
    @Override
    protected Logger createLogger() {
        return LoggerFactory.getLogger(ProxyServlet.class);
    }

    @Override
    public void init() throws ServletException {
        super.init();
        try {
            webSockets = new WebSocketProxy(parts.upstream, sessionLives);
        } catch (Exception e) {
            throw new ServletException("cannot start the WebSocket client", e);
        }
    }

    @Override
    public void destroy() {
        try {
            webSockets.close();
        } catch (Exception e) {
            _log.debug("the WebSocket client did not stop cleanly", e);
        }
        super.destroy();
    }

    /** A WebSocket upgrade is bridged to the upstream's WebSocket; everything else is proxied as HTTP. */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if (!WebSocketProxy.isUpgrade(request)) {
            super.service(request, response);
            return;
        }
        String target = rewriteTarget(request);
        if (target == null) {
            onProxyRewriteFailed(request, response);
            return;
        }
        webSockets.upgrade(request, response, target);
    }

    /** Upstreams over https are verified against the JDK's CAs and {@code upstream.ca-file}, host names included. */
    @Override
    protected HttpClient newHttpClient(ClientConnector connector) {
        connector.setSslContextFactory(UpstreamTls.clientFactory(parts.upstream.caFile()));
        HttpClient client = super.newHttpClient(connector);
        client.setConnectTimeout(parts.upstream.connectTimeout().toMillis());
        return client;
    }

    /**
     * A request the filter let through gets its headers in one pass over Jetty's fields, by the
     * filter's rule ({@link UpstreamRequestHeaders}); one that met no filter, Jetty's way.
     */
    @Override
    protected void copyRequestHeaders(HttpServletRequest clientRequest, Request proxyRequest) {
        if (!(clientRequest instanceof ForwardedIdentityRequest forwarded)) {
            super.copyRequestHeaders(clientRequest, proxyRequest);
            return;
        }
        // No hostHeader init parameter is given (GatewayServer), so Jetty's forced Host has no part here.
        HttpFields client = ServletContextRequest.getServletContextRequest(forwarded).getHeaders();
        HttpFields.Mutable headers = parts.headers.of(forwarded, client);
        proxyRequest.headers(fields -> fields.clear().add(headers));
    }

    @Override
    protected void sendProxyRequest(HttpServletRequest clientRequest, HttpServletResponse proxyResponse,
            Request proxyRequest) {
        Optional<RequestPath> path = path(clientRequest);
        path.ifPresent(p -> proxyRequest.timeout(parts.routes.timeoutFor(p).toMillis(), TimeUnit.MILLISECONDS));
        clientRequest.setAttribute(UpstreamExchange.ATTRIBUTE,
                new UpstreamExchange(path.map(parts.routes::nameFor).orElse(RouteTable.DEFAULT_ROUTE)));
        super.sendProxyRequest(clientRequest, proxyResponse, proxyRequest);
    }

    @Override
    protected void onServerResponseHeaders(HttpServletRequest clientRequest, HttpServletResponse proxyResponse,
            Response serverResponse) {
        answered(clientRequest, serverResponse.getStatus());
        super.onServerResponseHeaders(clientRequest, proxyResponse, serverResponse);
    }

    private void answered(HttpServletRequest clientRequest, int status) {
        if (clientRequest.getAttribute(UpstreamExchange.ATTRIBUTE) instanceof UpstreamExchange exchange) {
            exchange.answered(status, parts.metrics);
        }
    }

    /** @return null (refused) only when no filter judged the path and it is ambiguous */
    @Override
    protected String rewriteTarget(HttpServletRequest clientRequest) {
        return path(clientRequest).map(p -> parts.routes.target(p, clientRequest.getQueryString())).orElse(null);
    }

    /** The path the filter decided on; parsed here again only when the proxy runs without the filter. */
    private static Optional<RequestPath> path(HttpServletRequest request) {
        if (request.getAttribute(RequestPath.ATTRIBUTE) instanceof RequestPath judged) {
            return Optional.of(judged);
        }
        try {
            return Optional.of(RequestPath.parse(request.getRequestURI()));
        } catch (AmbiguousPathException e) {
            return Optional.empty();
        }
    }

    @Override
    protected String filterServerResponseHeader(HttpServletRequest clientRequest, Response serverResponse,
            String headerName, String headerValue) {
        boolean location = HttpHeader.LOCATION.is(headerName);
        boolean cookie = HttpHeader.SET_COOKIE.is(headerName);
        if (!location && !cookie) {
            return headerValue;
        }
        return path(clientRequest).flatMap(parts.routes::strippingRouteFor)
                .map(route -> new PrefixRewriter(route, parts.publicUrl))
                .map(rewriter -> location ? rewriter.location(headerValue) : rewriter.setCookie(headerValue))
                .orElse(headerValue);
    }

    /**
     * A streamed answer (no Content-Length: server-sent events, chunked pages) goes to the client
     * piece by piece as it arrives, never waiting in the gateway's output buffer for more to come.
     * An answer of known length is left to Jetty, which writes it with the headers in one go.
     */
    @Override
    protected void onResponseContent(HttpServletRequest request, HttpServletResponse response, Response proxyResponse,
            byte[] buffer, int offset, int length, Callback callback) {
        if (proxyResponse.getHeaders().contains(HttpHeader.CONTENT_LENGTH)) {
            super.onResponseContent(request, response, proxyResponse, buffer, offset, length, callback);
            return;
        }
        try {
            ServletOutputStream out = response.getOutputStream();
            out.write(buffer, offset, length);
            out.flush();
            callback.succeeded();
        } catch (Throwable failure) {
            callback.failed(failure);
        }
    }

    @Override
    protected void onProxyRewriteFailed(HttpServletRequest clientRequest, HttpServletResponse proxyResponse) {
        sendError(clientRequest, proxyResponse, UpstreamFailures.AMBIGUOUS);
    }

    /** The forwarding headers as {@link ForwardingHeaders} writes them, from what the filter's rule lets through. */
    @Override
    protected void addForwardedHeader(HttpServletRequest clientRequest, Request proxyRequest) {
        proxyRequest.headers(headers -> parts.forwarding.add(headers, clientRequest.getLocalAddr(),
                clientRequest.getRemoteAddr(), clientRequest.isSecure(), clientRequest::getHeader));
    }

    @Override
    protected void sendProxyResponseError(HttpServletRequest clientRequest, HttpServletResponse proxyResponse,
            int status) {
        answered(clientRequest, status);
        sendError(clientRequest, proxyResponse, UpstreamFailures.of(status,
                path(clientRequest).map(parts.routes::upstreamFor).map(String::valueOf).orElse("upstream")));
    }

    private void sendError(HttpServletRequest clientRequest, HttpServletResponse proxyResponse, GatewayError error) {
        // Called back on a client thread: the log line still carries the request's id.
        if (clientRequest.getAttribute(RequestIds.ATTRIBUTE) instanceof String requestId) {
            MDC.put(RequestIds.MDC_KEY, requestId);
        }
        try {
            parts.errors.send(clientRequest, proxyResponse, error);
        } catch (IOException e) {
            _log.debug("could not send the error page", e);
        } finally {
            if (clientRequest.isAsyncStarted()) {
                clientRequest.getAsyncContext().complete();
            }
            MDC.remove(RequestIds.MDC_KEY);
        }
    }
}
