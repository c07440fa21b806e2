package io.oidcgateway.config;

import java.net.URI;

/**
 * One upstream for the paths under a prefix; the longest matching prefix wins and
 * {@code upstream.url} takes everything else.
 *
 * @param pathPrefix starts with '/', no trailing '/' (except the root itself)
 * @param stripPrefix whether the upstream sees the path without the prefix
 */
public record RouteConfig(String name, String pathPrefix, URI upstream, boolean stripPrefix) {
}
