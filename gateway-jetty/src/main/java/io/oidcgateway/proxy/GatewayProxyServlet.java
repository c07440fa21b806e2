package io.oidcgateway.proxy;

import io.oidcgateway.filter.ErrorCode;
import io.oidcgateway.filter.ErrorResponder;
import io.oidcgateway.filter.ForwardedIdentityRequest;
import io.oidcgateway.filter.GatewayError;
import io.oidcgateway.filter.RequestIds;
import io.oidcgateway.metrics.GatewayMetrics;
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
import java.net.URI;
import java.util.Optional;
import io.oidcgateway.config.UpstreamConfig;
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
 * Streams requests to the upstream the route table picks. Jetty's proxy already strips
 * hop-by-hop headers, follows no redirects and keeps no cookies; this adds the
 * {@code X-Forwarded-*} headers the contract names and turns upstream failures into the
 * gateway's own 502/504 page.
 */
public final class GatewayProxyServlet extends ProxyServlet {
    private final RouteTable routes;
    private final ErrorResponder errors;
    private final URI publicUrl;
    private final String publicScheme;
    private final UpstreamConfig upstream;
    private final Predicate<String> sessionLives;
    private final GatewayMetrics metrics;
    private final UpstreamRequestHeaders upstreamHeaders;
    private WebSocketProxy webSockets;

    /** @param sessionLives whether a session has not ended: its WebSockets are closed once it has */
    public GatewayProxyServlet(RouteTable routes, ErrorResponder errors, URI publicUrl, UpstreamConfig upstream,
            Predicate<String> sessionLives, GatewayMetrics metrics) {
        this.metrics = metrics;
        this.routes = routes;
        this.errors = errors;
        this.publicUrl = publicUrl;
        this.publicScheme = publicUrl.getScheme();
        this.upstream = upstream;
        this.sessionLives = sessionLives;
        this.upstreamHeaders = new UpstreamRequestHeaders(upstream.preserveHost(), HOP_HEADERS, new EncodedCallerHeaders());
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
            webSockets = new WebSocketProxy(upstream, sessionLives);
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
        connector.setSslContextFactory(UpstreamTls.clientFactory(upstream.caFile()));
        HttpClient client = super.newHttpClient(connector);
        client.setConnectTimeout(upstream.connectTimeout().toMillis());
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
        HttpFields.Mutable headers = upstreamHeaders.of(forwarded, client);
        proxyRequest.headers(fields -> fields.clear().add(headers));
    }

    @Override
    protected void sendProxyRequest(HttpServletRequest clientRequest, HttpServletResponse proxyResponse,
            Request proxyRequest) {
        Optional<RequestPath> path = path(clientRequest);
        path.ifPresent(p -> proxyRequest.timeout(routes.timeoutFor(p).toMillis(), TimeUnit.MILLISECONDS));
        clientRequest.setAttribute(UpstreamExchange.ATTRIBUTE,
                new UpstreamExchange(path.map(routes::nameFor).orElse(RouteTable.DEFAULT_ROUTE)));
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
            exchange.answered(status, metrics);
        }
    }

    /** @return null (refused) only when no filter judged the path and it is ambiguous */
    @Override
    protected String rewriteTarget(HttpServletRequest clientRequest) {
        return path(clientRequest).map(p -> routes.target(p, clientRequest.getQueryString())).orElse(null);
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
        return path(clientRequest).flatMap(routes::strippingRouteFor)
                .map(route -> new PrefixRewriter(route, publicUrl))
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
        sendError(clientRequest, proxyResponse, GatewayError.of(ErrorCode.AMBIGUOUS_PATH, "This address cannot be served",
                "The request's path is read in different ways by different servers, so it is not forwarded."));
    }

    /**
     * RFC 7239 {@code Forwarded} (this hop appended, as Jetty does) and the {@code X-Forwarded-*}
     * the contract names. Written here rather than by Jetty's, whose {@code String.formatted} and
     * quoting tokenizer cost a tenth of a proxied request.
     */
    @Override
    protected void addForwardedHeader(HttpServletRequest clientRequest, Request proxyRequest) {
        String hop = "by=" + quoted(clientRequest.getLocalAddr()) + ";for=" + quoted(clientRequest.getRemoteAddr())
                + ";host=" + quoted(String.valueOf(clientRequest.getHeader(HttpHeader.HOST.asString())))
                + ";proto=" + (clientRequest.isSecure() ? "https" : "http");
        String earlier = clientRequest.getHeader(HttpHeader.FORWARDED.asString());
        proxyRequest.headers(headers -> headers.put(HttpHeader.FORWARDED, earlier == null ? hop : earlier + ", " + hop));
        // The filter let X-Forwarded-* through only from a trusted proxy: append to those, else start them.
        String host = clientRequest.getHeader(HttpHeader.HOST.asString());
        String chain = clientRequest.getHeader(HttpHeader.X_FORWARDED_FOR.asString());
        String proto = clientRequest.getHeader(HttpHeader.X_FORWARDED_PROTO.asString());
        String originalHost = clientRequest.getHeader(HttpHeader.X_FORWARDED_HOST.asString());
        proxyRequest.headers(headers -> {
            headers.put(HttpHeader.X_FORWARDED_FOR,
                    chain == null ? clientRequest.getRemoteAddr() : chain + ", " + clientRequest.getRemoteAddr());
            headers.put(HttpHeader.X_FORWARDED_PROTO, proto != null ? proto : publicScheme);
            if (originalHost != null || host != null) {
                headers.put(HttpHeader.X_FORWARDED_HOST, originalHost != null ? originalHost : host);
            }
        });
    }

    /** An RFC 7230 quoted-string: addresses with a port or IPv6 need it, and a Host header may hold anything. */
    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    @Override
    protected void sendProxyResponseError(HttpServletRequest clientRequest, HttpServletResponse proxyResponse,
            int status) {
        answered(clientRequest, status);
        GatewayError error = status == HttpServletResponse.SC_GATEWAY_TIMEOUT
                ? GatewayError.of(ErrorCode.UPSTREAM_TIMEOUT, "The application did not answer in time",
                        "The protected application took longer than upstream.timeout to answer.")
                : GatewayError.of(ErrorCode.UPSTREAM_UNAVAILABLE, "The application cannot be reached",
                        "The gateway could not get an answer from the protected application ("
                                + path(clientRequest).map(routes::upstreamFor).map(String::valueOf).orElse("upstream")
                                + "). It may be down or restarting.");
        sendError(clientRequest, proxyResponse, error);
    }

    private void sendError(HttpServletRequest clientRequest, HttpServletResponse proxyResponse, GatewayError error) {
        // Called back on a client thread: the log line still carries the request's id.
        if (clientRequest.getAttribute(RequestIds.ATTRIBUTE) instanceof String requestId) {
            MDC.put(RequestIds.MDC_KEY, requestId);
        }
        try {
            errors.send(clientRequest, proxyResponse, error);
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
