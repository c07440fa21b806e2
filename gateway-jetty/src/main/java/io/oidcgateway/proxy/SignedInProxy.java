package io.oidcgateway.proxy;

import io.oidcgateway.filter.ErrorAnswer;
import io.oidcgateway.filter.RequestClassifier;
import io.oidcgateway.filter.RequestIds;
import io.oidcgateway.filter.ForwardingRule;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportDynamic;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.MDC;

/**
 * Jetty's core proxy for the requests {@link SignedInShortPath} let through, without the servlet
 * layer, which was the largest cost left on the gateway's request path (BENCHMARKS.md). It sends
 * the upstream what {@link GatewayProxyServlet} sends for the same request (the two share their
 * parts, {@link ProxyParts}): the client's fields by the filter's rule, the request id, the identity
 * encoded once, the forwarding headers and {@code Via}; to the route's target, within its timeout;
 * and answers the upstream's failure with the gateway's own 502/504 page. The answer streams to the
 * client as it arrives.
 */
final class SignedInProxy extends ProxyHandler {
    /** As many connections to an upstream as Jetty's proxy servlet opens. */
    private static final int MAX_CONNECTIONS = 256;
    private static final long IDLE_TIMEOUT_MILLIS = 30_000;

    private final ProxyParts parts;

    SignedInProxy(ProxyParts parts) {
        this.parts = parts;
        setViaHost(ProxyParts.VIA_HOST);
    }

    /** The proxy servlet's client settings, on the server's threads; upstreams over https verified as there. */
    @Override
    protected HttpClient newHttpClient() {
        ClientConnector connector = new ClientConnector();
        connector.setExecutor(getServer().getThreadPool());
        connector.setSslContextFactory(UpstreamTls.clientFactory(parts.upstream.caFile()));
        HttpClient client = new HttpClient(new HttpClientTransportDynamic(connector));
        client.setConnectTimeout(parts.upstream.connectTimeout().toMillis());
        client.setMaxConnectionsPerDestination(MAX_CONNECTIONS);
        client.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
        return client;
    }

    @Override
    protected HttpURI rewriteHttpURI(Request clientRequest) {
        ShortPathRequest passed = passed(clientRequest);
        return HttpURI.from(RouteTable.target(passed.route(), passed.path(), clientRequest.getHttpURI().getQuery()));
    }

    @Override
    protected org.eclipse.jetty.client.Request newProxyToServerRequest(Request clientRequest, HttpURI target) {
        return super.newProxyToServerRequest(clientRequest, target)
                .timeout(passed(clientRequest).route().timeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One pass over Jetty's fields by the filter's rule, then the request id and the identity. */
    @Override
    protected void copyRequestHeaders(Request clientRequest, org.eclipse.jetty.client.Request proxyRequest) {
        ShortPathRequest passed = passed(clientRequest);
        HttpFields.Mutable headers = parts.headers.of(passed.admitted().rule(),
                RequestIds.forUpstream(passed.requestId()), passed.admitted().identity(), clientRequest.getHeaders());
        proxyRequest.headers(fields -> fields.clear().add(headers));
    }

    @Override
    protected void addForwardedHeader(Request clientRequest, org.eclipse.jetty.client.Request proxyRequest) {
        ForwardingRule rule = passed(clientRequest).admitted().rule();
        HttpFields client = clientRequest.getHeaders();
        proxyRequest.headers(headers -> parts.forwarding.add(headers, Request.getLocalAddr(clientRequest),
                Request.getRemoteAddr(clientRequest), clientRequest.isSecure(),
                name -> rule.forwardedValue(name, client.get(name))));
    }

    @Override
    protected org.eclipse.jetty.client.Response.CompleteListener newServerToProxyResponseListener(
            Request clientRequest, org.eclipse.jetty.client.Request proxyRequest, Response response, Callback callback) {
        ShortPathRequest passed = passed(clientRequest);
        return new ProxyResponseListener(clientRequest, proxyRequest, response, callback) {
            @Override
            public void onHeaders(org.eclipse.jetty.client.Response serverResponse) {
                passed.exchange().answered(serverResponse.getStatus(), parts.metrics);
                super.onHeaders(serverResponse);
            }
        };
    }

    /** The gateway's 502/504 page, as the proxy servlet answers it; after the answer began, Jetty's way (abort). */
    @Override
    protected void onServerToProxyResponseFailure(Request clientRequest, org.eclipse.jetty.client.Request proxyRequest,
            org.eclipse.jetty.client.Response serverResponse, Response response, Callback callback, Throwable failure) {
        ShortPathRequest passed = passed(clientRequest);
        int status = failure instanceof TimeoutException ? HttpStatus.GATEWAY_TIMEOUT_504 : HttpStatus.BAD_GATEWAY_502;
        passed.exchange().answered(status, parts.metrics);
        if (response.isCommitted()) {
            super.onServerToProxyResponseFailure(clientRequest, proxyRequest, serverResponse, response, callback, failure);
            return;
        }
        // Called back on a client thread: the log line still carries the request's id.
        MDC.put(RequestIds.MDC_KEY, passed.requestId());
        try {
            ErrorAnswer answer = parts.errors.answer(
                    UpstreamFailures.of(status, String.valueOf(passed.route().upstream())),
                    passed.requestId(), RequestClassifier.isBrowserNavigation(clientRequest.getMethod(),
                            clientRequest.getHeaders()::get));
            // Nothing of the upstream's half-arrived answer stays; the id first, where the filter put it.
            response.reset();
            response.getHeaders().put(RequestIds.HEADER, passed.requestId());
            response.setStatus(answer.status());
            answer.headers().forEach(header -> response.getHeaders().put(header.getKey(), header.getValue()));
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
            response.write(true, StandardCharsets.UTF_8.encode(answer.body()), callback);
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }

    private static ShortPathRequest passed(Request clientRequest) {
        return (ShortPathRequest) clientRequest;
    }
}
