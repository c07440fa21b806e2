package io.oidcgateway.config;

import java.net.URI;
import java.time.Duration;

/** The protected application. */
public record UpstreamConfig(URI url, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
}
