package io.oidcgateway.proxy;

import io.oidcgateway.config.RouteConfig;
import io.oidcgateway.filter.Admitted;
import io.oidcgateway.filter.OidcGatewayFilter;
import io.oidcgateway.filter.RequestIds;
import io.oidcgateway.filter.SignedInRequests;
import io.oidcgateway.http.AmbiguousPathException;
import io.oidcgateway.http.RequestPath;
import io.oidcgateway.logging.LogText;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Signed-in requests, most of the traffic, proxied before the servlet layer: the filter's own
 * decision ({@link SignedInRequests}, made by the filter's objects from the request's parts), then
 * Jetty's core proxy ({@link SignedInProxy}). The servlet context's work per request cost more than
 * all of the gateway's own (BENCHMARKS.md). Every request the decision does not pass on as it is
 * goes on to the servlet context, the filter and the proxy servlet, which answer it as before: the
 * gateway's own paths, logins, renewals, refusals, paths served without login, WebSocket upgrades,
 * routes that strip a prefix (their answers' headers are rewritten there), and any path Jetty or the
 * filter would read in more than one way.
 */
public final class SignedInShortPath extends Handler.Wrapper {
    private static final Logger LOG = LoggerFactory.getLogger(SignedInShortPath.class);

    private final SignedInRequests signedIn;
    private final RequestIds requestIds;
    private final ProxyParts parts;
    private final SignedInProxy proxy;

    /** @param servletContext where every other request goes: the filter in front of the proxy servlet */
    public SignedInShortPath(Handler servletContext, SignedInRequests signedIn, RequestIds requestIds,
            ProxyParts parts) {
        super(servletContext);
        this.signedIn = signedIn;
        this.requestIds = requestIds;
        this.parts = parts;
        this.proxy = new SignedInProxy(parts);
        addBean(proxy, true);
    }

    @Override
    public void setServer(Server server) {
        super.setServer(server);
        proxy.setServer(server);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Optional<RequestPath> path = proxiable(request);
        // One lookup of the route for the whole exchange; a route that strips its prefix is the servlets'.
        Optional<RouteConfig> route = path.map(parts.routes::routeFor).filter(r -> !r.stripPrefix());
        Optional<Admitted> admitted = route.flatMap(r -> signedIn.admit(request.getMethod(), path.get(),
                request.getHeaders().getValuesList(HttpHeader.COOKIE), Request.getRemoteAddr(request)));
        if (admitted.isEmpty()) {
            return super.handle(request, response, callback);
        }
        String id = requestIds.choose(request.getHeaders().get(RequestIds.HEADER));
        // What the filter leaves for the access log and the proxy's answer.
        request.setAttribute(RequestIds.ATTRIBUTE, id);
        request.setAttribute(OidcGatewayFilter.USER_ATTRIBUTE, admitted.get().subject());
        response.getHeaders().put(RequestIds.HEADER, id);
        UpstreamExchange exchange = new UpstreamExchange(route.get().name());
        request.setAttribute(UpstreamExchange.ATTRIBUTE, exchange);
        parts.metrics.requestForwarded();
        MDC.put(RequestIds.MDC_KEY, id);
        try {
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} {} passed on for {}", request.getMethod(), LogText.clean(request.getHttpURI().getPath()),
                        LogText.clean(admitted.get().subject()));
            }
            return proxy.handle(new ShortPathRequest(request, path.get(), route.get(), admitted.get(), id, exchange),
                    response, callback);
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }

    /**
     * The path of a request the short path may proxy: one Jetty read without violations and the
     * filter reads in one way, no upgrade.
     */
    private Optional<RequestPath> proxiable(Request request) {
        HttpURI uri = request.getHttpURI();
        if (uri.hasViolations() || HttpMethod.CONNECT.is(request.getMethod())
                || request.getHeaders().contains(HttpHeader.UPGRADE)) {
            return Optional.empty();
        }
        try {
            return Optional.of(RequestPath.parse(uri.getPath()));
        } catch (AmbiguousPathException e) {
            return Optional.empty();
        }
    }
}
