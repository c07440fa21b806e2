package io.oidcgateway.proxy;

import io.oidcgateway.config.PathPrefixes;
import io.oidcgateway.config.RouteConfig;
import java.net.URI;
import java.util.Comparator;
import java.util.List;

/** Picks the upstream for a request path: the longest matching route prefix, else the default upstream. */
public final class RouteTable {
    private final URI defaultUpstream;
    private final List<RouteConfig> routes;

    public RouteTable(URI defaultUpstream, List<RouteConfig> routes) {
        this.defaultUpstream = defaultUpstream;
        this.routes = routes.stream()
                .sorted(Comparator.comparingInt((RouteConfig r) -> r.pathPrefix().length()).reversed())
                .toList();
    }

    /** @param path the request path as sent (still percent-encoded); the upstream gets it unchanged */
    public String target(String path, String query) {
        RouteConfig route = routeFor(path);
        String base = (route == null ? defaultUpstream : route.upstream()).toString();
        String forwardedPath = path;
        if (route != null && route.stripPrefix() && !route.pathPrefix().equals("/")) {
            forwardedPath = path.substring(route.pathPrefix().length());
            if (forwardedPath.isEmpty()) {
                forwardedPath = "/";
            }
        }
        return base + forwardedPath + (query == null ? "" : "?" + query);
    }

    /** Which upstream serves the path, for messages. */
    public URI upstreamFor(String path) {
        RouteConfig route = routeFor(path);
        return route == null ? defaultUpstream : route.upstream();
    }

    private RouteConfig routeFor(String path) {
        for (RouteConfig route : routes) {
            if (PathPrefixes.under(path, route.pathPrefix())) {
                return route;
            }
        }
        return null;
    }
}
