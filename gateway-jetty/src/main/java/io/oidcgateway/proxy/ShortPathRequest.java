package io.oidcgateway.proxy;

import io.oidcgateway.config.RouteConfig;
import io.oidcgateway.filter.Admitted;
import io.oidcgateway.http.RequestPath;
import org.eclipse.jetty.server.Request;

/**
 * A request {@link SignedInShortPath} let through, as {@link SignedInProxy} gets it: the client's
 * request with what the decision found, so the proxy's steps need no lookup to find it again.
 */
final class ShortPathRequest extends Request.Wrapper {
    private final RequestPath path;
    private final RouteConfig route;
    private final Admitted admitted;
    private final String requestId;
    private final UpstreamExchange exchange;

    ShortPathRequest(Request request, RequestPath path, RouteConfig route, Admitted admitted, String requestId,
            UpstreamExchange exchange) {
        super(request);
        this.path = path;
        this.route = route;
        this.admitted = admitted;
        this.requestId = requestId;
        this.exchange = exchange;
    }

    RequestPath path() {
        return path;
    }

    /** The path's route, found once for the whole exchange. */
    RouteConfig route() {
        return route;
    }

    Admitted admitted() {
        return admitted;
    }

    String requestId() {
        return requestId;
    }

    UpstreamExchange exchange() {
        return exchange;
    }
}
