package io.oidcgateway.proxy;

import io.oidcgateway.config.UpstreamConfig;
import io.oidcgateway.filter.ErrorResponder;
import io.oidcgateway.metrics.GatewayMetrics;
import java.net.URI;
import java.util.Set;

/**
 * What the two proxies share, one object of each, so that they send the upstream the same: the
 * proxy servlet, for the requests the filter let through, and Jetty's core proxy, for those
 * {@link SignedInShortPath} let through. The upstream headers' encoded identities are one cache.
 */
public final class ProxyParts {
    /** The name this hop gives itself in {@code Via}. */
    static final String VIA_HOST = "oidc-gateway";

    /**
     * Never passed beyond one hop (RFC 9110 7.6.1, and the older {@code Keep-Alive} and
     * {@code Proxy-Connection}): the list both of Jetty's proxies drop.
     */
    static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authorization",
            "proxy-authenticate", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade");

    final RouteTable routes;
    final UpstreamConfig upstream;
    final URI publicUrl;
    final ErrorResponder errors;
    final GatewayMetrics metrics;
    final UpstreamRequestHeaders headers;
    final ForwardingHeaders forwarding;

    public ProxyParts(RouteTable routes, UpstreamConfig upstream, URI publicUrl, ErrorResponder errors,
            GatewayMetrics metrics) {
        this.routes = routes;
        this.upstream = upstream;
        this.publicUrl = publicUrl;
        this.errors = errors;
        this.metrics = metrics;
        this.headers = new UpstreamRequestHeaders(upstream.preserveHost(), HOP_BY_HOP, new EncodedCallerHeaders());
        this.forwarding = new ForwardingHeaders(publicUrl.getScheme());
    }
}
