package io.oidcgateway.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The protected application: {@code url} by default, {@code routes} for path prefixes.
 *
 * @param connectTimeout how long to wait for a connection to an upstream, then 502
 * @param preserveHost whether the upstream sees the client's {@code Host}
 * @param caFile more certificate authorities to trust for https upstreams, besides the JDK's
 */
public record UpstreamConfig(URI url, Duration timeout, List<RouteConfig> routes, IdentityHeaders headers,
        Duration connectTimeout, boolean preserveHost, Optional<Path> caFile) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public UpstreamConfig {
        routes = List.copyOf(routes);
    }
}
