package io.oidcgateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/** The protected application: {@code url} by default, {@code routes} for path prefixes. */
public record UpstreamConfig(URI url, Duration timeout, List<RouteConfig> routes, IdentityHeaders headers) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public UpstreamConfig {
        routes = List.copyOf(routes);
    }
}
