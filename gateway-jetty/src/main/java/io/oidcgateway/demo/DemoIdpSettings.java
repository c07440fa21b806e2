package io.oidcgateway.demo;

import java.time.Duration;

/**
 * Token lifetimes of the demo IdP; tests shorten them to exercise refresh.
 *
 * @param tokenEndpointDelay how long the token endpoint takes to answer, so tests can overlap requests
 */
public record DemoIdpSettings(Duration accessTokenLifetime, Duration idTokenLifetime, Duration refreshTokenLifetime,
        Duration tokenEndpointDelay) {
    public static final DemoIdpSettings DEFAULTS =
            new DemoIdpSettings(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(24), Duration.ZERO);
}
