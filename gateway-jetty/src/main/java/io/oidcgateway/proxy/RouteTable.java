package io.oidcgateway.proxy;

import io.oidcgateway.config.RouteConfig;
import io.oidcgateway.http.RequestPath;
import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Picks the upstream for a request path: the longest matching route prefix, else the default
 * upstream. Matched on the same decoded path the filter decided on; the upstream receives the
 * raw form of that path, whose segments are the same.
 */
public final class RouteTable {
    public static final String DEFAULT_ROUTE = "default";

    private final RouteConfig defaultRoute;
    private final List<RouteConfig> routes;

    public RouteTable(URI defaultUpstream, Duration defaultTimeout, List<RouteConfig> routes) {
        this.defaultRoute = new RouteConfig(DEFAULT_ROUTE, "/", defaultUpstream, false, defaultTimeout);
        this.routes = routes.stream()
                .sorted(Comparator.comparingInt((RouteConfig r) -> r.pathPrefix().length()).reversed())
                .toList();
    }

    /** The route serving the path: the longest matching prefix, else {@code upstream.url} as {@value #DEFAULT_ROUTE}. */
    public RouteConfig routeFor(RequestPath path) {
        for (RouteConfig route : routes) {
            if (path.isUnder(route.pathPrefix())) {
                return route;
            }
        }
        return defaultRoute;
    }

    /** @return the upstream URL: the route's base, the raw path (without the prefix if stripped), the query */
    public String target(RequestPath path, String query) {
        return target(routeFor(path), path, query);
    }

    /** @param route the path's route, found once by the caller */
    static String target(RouteConfig route, RequestPath path, String query) {
        String forwardedPath = route.stripPrefix() ? path.rawWithout(route.pathPrefix()) : path.raw();
        return route.upstream() + forwardedPath + (query == null ? "" : "?" + query);
    }

    /** Which upstream serves the path, for messages. */
    public URI upstreamFor(RequestPath path) {
        return routeFor(path).upstream();
    }

    /** The route's name for metrics and the access log: {@code default} for {@code upstream.url}. */
    public String nameFor(RequestPath path) {
        return routeFor(path).name();
    }

    /** The longest wait for the answer: the route's own, so one slow route never sets another's limit. */
    public Duration timeoutFor(RequestPath path) {
        return routeFor(path).timeout();
    }

    /** The route that strips its prefix for this path, if one does: its upstream's URLs need the prefix back. */
    public Optional<RouteConfig> strippingRouteFor(RequestPath path) {
        return Optional.of(routeFor(path)).filter(RouteConfig::stripPrefix);
    }
}
