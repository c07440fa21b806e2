package io.oidcgateway.config;

import java.net.URI;
import java.time.Duration;

/**
 * One upstream for the paths under a prefix; the longest matching prefix wins and
 * {@code upstream.url} takes everything else.
 *
 * @param pathPrefix starts with '/', no trailing '/' (except the root itself)
 * @param stripPrefix whether the upstream sees the path without the prefix
 * @param timeout the longest wait for this route's answer ({@code upstream.timeout} unless set)
 */
public record RouteConfig(String name, String pathPrefix, URI upstream, boolean stripPrefix, Duration timeout) {
}
